import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A per-request logger that becomes a real pino child only when something logs. Fastify makes a
 * child logger (with the request id) for every request; with redaction configured that costs a few
 * microseconds each, on requests that mostly log nothing.
 */
export class LazyChildLogger {
  private real: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  private logger(): Logger {
    return (this.real ??= this.parent.child(this.bindings));
  }

  get level(): string {
    return this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return this.parent.isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.logger().child(bindings, options);
  }

  fatal = (...args: unknown[]) => this.log('fatal', args);
  error = (...args: unknown[]) => this.log('error', args);
  warn = (...args: unknown[]) => this.log('warn', args);
  info = (...args: unknown[]) => this.log('info', args);
  debug = (...args: unknown[]) => this.log('debug', args);
  trace = (...args: unknown[]) => this.log('trace', args);
  silent = () => undefined;

  private log(level: Level, args: unknown[]): void {
    if (!this.parent.isLevelEnabled(level)) return;
    (this.logger()[level] as (...a: unknown[]) => void)(...args);
  }
}
