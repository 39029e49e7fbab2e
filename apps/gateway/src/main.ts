import 'reflect-metadata';
import { createLogger } from '@aigw/server-kit/logger';
import { exitOnConfigError } from '@aigw/server-kit/parse-env';
import { closeOnSignals, displayUrl } from '@aigw/server-kit/shutdown';
import { loadConfigFromProcess } from './config/load-config.js';
import { resolveSecrets } from './config/secrets.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess();
  } catch (err) {
    exitOnConfigError(err);
  }
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  const { secrets, generated, file } = await resolveSecrets(config);
  if (generated.length > 0) {
    logger.warn({ file, generated }, 'generated secrets (mode 0600); keep this file, and give every replica the same values');
  }
  // Loaded after the config is known to be good: a bad variable is reported without the ~2 s module load.
  const { createApp } = await import('./app.factory.js');
  const app = await createApp(config, secrets, logger);

  closeOnSignals(app, logger, config.shutdownGraceMs);

  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, host: config.host }, `gateway listening on ${displayUrl(config.host, port)}`);
}

main().catch((err: unknown) => {
  // Known configuration problems get one line; anything else its stack.
  const known = err instanceof Error && err.name === 'SecretMismatchError';
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? (known ? err.message : (err.stack ?? err.message)) : String(err)}\n`);
  process.exit(1);
});
