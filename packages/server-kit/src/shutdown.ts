import type { Logger } from 'pino';

/**
 * SIGTERM / SIGINT: stop taking requests, let in-flight ones finish, then exit. After `graceMs`
 * the process exits anyway, so a stuck stream never blocks a deploy.
 */
export function closeOnSignals(app: { close(): Promise<void> }, logger: Logger, graceMs: number): void {
  const exit = (code: number) => {
    try {
      process.exit(code);
    } catch {
      // An 'exit' listener threw (pino flushing its last lines into a stdout nobody reads any more,
      // EPIPE): the process is exiting already, and a second call ends it without the listeners.
      process.exit(code);
    }
  };
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn({ grace_ms: graceMs }, 'grace period over; exiting with requests still open');
      exit(0);
    }, graceMs).unref();
    app
      .close()
      .then(() => {
        clearTimeout(force);
        logger.info('stopped');
        exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
        exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The URL a human can open for a server listening on `host:port`. */
export const displayUrl = (host: string, port: number) => `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
