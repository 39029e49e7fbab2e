import 'reflect-metadata';
import { createLogger } from '@aigw/server-kit/logger';
import { exitOnConfigError } from '@aigw/server-kit/parse-env';
import { closeOnSignals, displayUrl } from '@aigw/server-kit/shutdown';
import { loadConfigFromProcess } from './config/load-config.js';

/** How long in-flight requests get after SIGTERM / SIGINT before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess();
  } catch (err) {
    exitOnConfigError(err);
  }
  const logger = createLogger({ service: 'model-host', level: config.logLevel });
  // Nest and the app load only once the configuration is known to be good, so a bad value fails at once.
  const { createApp } = await import('./app.factory.js');
  const app = await createApp(config, logger);

  closeOnSignals(app, logger, SHUTDOWN_GRACE_MS);

  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { port, host: config.host, models_dir: config.modelsDir, port_range: `${config.portRange.low}-${config.portRange.high}` },
    `model host listening on ${displayUrl(config.host, port)}`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`model host failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
