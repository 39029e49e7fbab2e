import { createRequire } from 'node:module';

/** The model host's version, from its package.json (the same relative path from src/ and dist/). */
export const MODEL_HOST_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
