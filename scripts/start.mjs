#!/usr/bin/env node
// `pnpm start`: builds the workspace, then runs the gateway (dashboard + API on :8080) and a
// model-host (:5000) on embedded defaults: no Postgres or Redis needed. Ctrl-C stops both.
// Options: --no-build (use the existing build). Environment variables pass through to both
// (see README); DATA_DIR defaults to ./data at the repository root.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const dataDir = path.resolve(root, process.env.DATA_DIR || 'data');

if (!args.has('--no-build')) {
  console.log('Building (pnpm -r build)...');
  const build = spawnSync('pnpm', ['-r', '--workspace-concurrency=1', 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const services = [
  { name: 'gateway', dir: 'apps/gateway', env: { PORT: process.env.PORT || '8080', DATA_DIR: dataDir } },
  {
    name: 'model-host',
    dir: 'apps/model-host',
    env: { PORT: process.env.MODEL_HOST_PORT || '5000', DATA_DIR: path.join(dataDir, 'model-host') },
  },
];

const children = [];
let stopping = false;

function prefixLines(name, stream, out) {
  let rest = '';
  stream.on('data', (chunk) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop();
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
  stream.on('end', () => rest && out.write(`[${name}] ${rest}\n`));
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 15_000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() => process.exit(code));
}

for (const service of services) {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: path.join(root, service.dir),
    env: { ...process.env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(service.name, child.stdout, process.stdout);
  prefixLines(service.name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[${service.name}] exited (${signal ?? code}); stopping the others`);
      stopAll(code || 1);
    }
  });
  children.push(child);
}

console.log(`Dashboard and API: http://localhost:${services[0].env.PORT}  ·  model-host: http://localhost:${services[1].env.PORT}  ·  data: ${dataDir}`);
console.log('On the first start the gateway prints a generated admin login below (or set ADMIN_EMAIL / ADMIN_PASSWORD). Ctrl-C stops everything.');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
