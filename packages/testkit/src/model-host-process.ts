import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

export const MODEL_HOST_DIR = fileURLToPath(new URL('../../../apps/model-host/', import.meta.url));

export interface ModelHostProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, wait for exit; returns the exit code. */
  stop(): Promise<number | null>;
}

export interface ExitedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(new URL('dist/main.js', `file://${MODEL_HOST_DIR}`))) {
    throw new Error('the model host is not built: run `pnpm --filter ./apps/model-host build` (or `pnpm build`)');
  }
}

/** The environment of a test run: nothing inherited but PATH and HOME, so the host's defaults are what is tested. */
function baseEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env };
}

/** Starts the built model host (`node dist/main.js`, what `pnpm start` runs) and waits for /health. */
/**
 * Starts the built model host on a free port. Ready means its own "listening" log line, not merely a
 * 200 from /health: with test files running in parallel, another process may hold the port picked a
 * moment ago and answer /health itself. A start that loses the port that way is retried on another.
 */
export async function startModelHost(env: Record<string, string>): Promise<ModelHostProcess> {
  assertBuilt();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, await freePort());
    } catch (err) {
      if (attempt >= 3 || !(err instanceof PortTaken)) throw err;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(env: Record<string, string>, port: number): Promise<ModelHostProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: MODEL_HOST_DIR,
    env: baseEnv({ PORT: String(port), HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const deadline = Date.now() + 30_000;
  const listening = `model host listening on ${url}`;
  for (;;) {
    if (child.exitCode !== null) {
      if (out.includes('EADDRINUSE')) throw new PortTaken(`port ${port} was taken`);
      throw new Error(`model host exited with ${child.exitCode} during start-up:\n${out}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`model host not listening after 30 s:\n${out}`);
    }
    if (out.includes(listening)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child, output: () => out, stop };
}

/** Runs the built model host expecting it to exit by itself (bad configuration). */
export async function runModelHostToExit(env: Record<string, string>, timeoutMs = 15_000): Promise<ExitedProcess> {
  assertBuilt();
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: MODEL_HOST_DIR, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
