import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AppConfig } from './config.schema.js';

export interface RuntimeSecrets {
  jwtSecret: string;
  masterKey: string;
}

const fileSchema = z.object({ jwt_secret: z.string().min(32).optional(), master_key: z.string().min(32).optional() });

/**
 * JWT_SECRET and MASTER_KEY from the environment, or else from DATA_DIR/secrets.json, generated
 * there (mode 0600) on first start. Returns which ones were generated so start-up can say so.
 */
export async function resolveSecrets(config: AppConfig): Promise<{ secrets: RuntimeSecrets; generated: string[]; file: string }> {
  const file = path.join(config.dataDir, 'secrets.json');
  if (config.jwtSecret && config.masterKey) {
    return { secrets: { jwtSecret: config.jwtSecret, masterKey: config.masterKey }, generated: [], file };
  }
  let stored: z.infer<typeof fileSchema> = {};
  try {
    stored = fileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is unreadable or malformed: ${(err as Error).message}`);
  }
  const generated: string[] = [];
  const take = (fromEnv: string | undefined, fromFile: string | undefined, name: string): string => {
    if (fromEnv) return fromEnv;
    if (fromFile) return fromFile;
    generated.push(name);
    return randomBytes(32).toString('base64url');
  };
  const jwtSecret = take(config.jwtSecret, stored.jwt_secret, 'JWT_SECRET');
  const masterKey = take(config.masterKey, stored.master_key, 'MASTER_KEY');
  if (generated.length > 0) {
    await mkdir(config.dataDir, { recursive: true });
    const next = { ...stored, ...(config.jwtSecret ? {} : { jwt_secret: jwtSecret }), ...(config.masterKey ? {} : { master_key: masterKey }) };
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
    await rename(tmp, file);
  }
  return { secrets: { jwtSecret, masterKey }, generated, file };
}
