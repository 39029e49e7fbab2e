#!/usr/bin/env node
// Seed 000's routing table, from its .env file, as an aigw config document (YAML on stdout):
//
//   node deployment/examples/seed-000-from-env.mjs path/to/.env > seed-000.yaml
//   pnpm --filter ./apps/gateway run config apply "$PWD/seed-000.yaml" --dry-run
//
// Pure node, no dependencies. `envToConfigYaml(text)` is the whole conversion; the file only reads
// the .env when run as a script.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HOSTS = ['EMBED_SERVER_1', 'EMBED_SERVER_2', 'VLM_HOST', 'TRELLIS_HOST'];
const PORTS = ['PORT_SIGLIP2', 'PORT_EMBED_4B', 'PORT_EMBED_BGE', 'PORT_RERANK_4B', 'PORT_ZIMAGE', 'PORT_EMBED_8B', 'PORT_RERANK_8B', 'PORT_VLM', 'PORT_TRELLIS'];
const DEFAULTS = ['DEFAULT_EMBED', 'DEFAULT_RERANK'];

/** `.env` text -> variables: `KEY=value`, optional `export `, quotes, `# comments` (after whitespace when inline). */
export function parseDotenv(text) {
  const vars = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quoted = /^(["'])(.*?)\1(\s+#.*)?$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    vars[m[1]] = value;
  }
  return vars;
}

/** Seed 000's DEFAULT_EMBED / DEFAULT_RERANK values (e.g. embed_text_bge, rerank_4b) -> the source they name. */
function pick(variable, value, choices) {
  const found = choices.find(([pattern]) => pattern.test(value));
  if (!found) throw new Error(`${variable}=${value} names none of ${choices.map(([, , example]) => example).join(', ')}`);
  return found[1];
}

const q = (s) => JSON.stringify(s);

/**
 * The .env text -> the YAML document: a source per GPU service, seed 000's task paths as path routes
 * (each to the service's own endpoint, `path:`), and `/rerank`'s default as the model `default-rerank`
 * (the gateway serves `/rerank` itself, as OpenAI-style rerank). Throws naming every bad variable.
 */
export function envToConfigYaml(envText) {
  const env = parseDotenv(envText);
  const problems = [];
  for (const name of [...HOSTS, ...PORTS, ...DEFAULTS]) if (!env[name]) problems.push(`${name} is not set`);
  for (const name of HOSTS) if (env[name] && !/^[A-Za-z0-9.:[\]-]+$/.test(env[name])) problems.push(`${name} must be a host name or address`);
  for (const name of PORTS) {
    const port = Number(env[name]);
    if (env[name] && !(/^\d+$/.test(env[name]) && port >= 1 && port <= 65535)) problems.push(`${name} must be a port (1-65535)`);
  }
  if (problems.length) throw new Error(`bad seed-000 .env: ${problems.join('; ')}`);

  const url = (host, port) => q(`http://${env[host]}:${env[port]}`);
  const defaultEmbed = pick('DEFAULT_EMBED', env.DEFAULT_EMBED, [
    [/bge/i, 'embed-bge', 'embed_text_bge'],
    [/8b/i, 'embed-qwen3-8b', 'embed_text_8b'],
    [/4b/i, 'embed-qwen3-4b', 'embed_text_4b'],
  ]);
  const defaultRerank = pick('DEFAULT_RERANK', env.DEFAULT_RERANK, [
    [/8b/i, 'rerank-qwen3-8b', 'rerank_8b'],
    [/4b/i, 'rerank-qwen3-4b', 'rerank_4b'],
  ]);
  const rerankModel = defaultRerank === 'rerank-qwen3-8b' ? 'Qwen/Qwen3-Reranker-8B' : 'Qwen/Qwen3-Reranker-4B';

  const source = (name, note, capabilities, host, port) => [
    `  - name: ${name} # ${note}`,
    `    capabilities: [${capabilities}]`,
    `    instances:`,
    `      - url: ${url(host, port)} # ${host}:${port}`,
  ];
  const pathRoute = (name, path, target, upstreamPath, note) => [
    `  - name: ${name}${note ? ` # ${note}` : ''}`,
    `    match: { paths: [${path}] }`,
    `    targets: [{ source: ${target}, path: ${upstreamPath} }]`,
  ];

  return [
    '# Seed 000 (a light gateway in front of GPU servers): its routing table as an aigw config',
    '# document, generated from its .env by deployment/examples/seed-000-from-env.mjs.',
    '# Each instance URL names the .env variables it comes from. Seed 000 does not name the',
    "# endpoints its GPU services serve: `path:` on a target is the path on the service (relative",
    '# to the instance URL) - change it to what your services answer on.',
    'version: 1',
    'sources:',
    '  # GPU server 1 (EMBED_SERVER_1): the basic embedding services',
    ...source('siglip2', 'SigLIP2 image embeddings', 'embeddings', 'EMBED_SERVER_1', 'PORT_SIGLIP2'),
    ...source('embed-qwen3-4b', 'Qwen3-4B text embeddings', 'embeddings', 'EMBED_SERVER_1', 'PORT_EMBED_4B'),
    ...source('embed-bge', 'BGE text embeddings', 'embeddings', 'EMBED_SERVER_1', 'PORT_EMBED_BGE'),
    ...source('rerank-qwen3-4b', 'Qwen3-4B reranker', 'rerank', 'EMBED_SERVER_1', 'PORT_RERANK_4B'),
    ...source('zimage', 'Z-Image image generation', 'images', 'EMBED_SERVER_1', 'PORT_ZIMAGE'),
    '  # GPU server 2 (EMBED_SERVER_2): the 8B models',
    ...source('embed-qwen3-8b', 'Qwen3-Embedding-8B', 'embeddings', 'EMBED_SERVER_2', 'PORT_EMBED_8B'),
    ...source('rerank-qwen3-8b', 'Qwen3-Reranker-8B', 'rerank', 'EMBED_SERVER_2', 'PORT_RERANK_8B'),
    '  # The VLM, reached through an SSH port forward: to the gateway it is just host:port',
    ...source('vlm', 'VLM captions and chat', 'chat', 'VLM_HOST', 'PORT_VLM'),
    '  # Trellis 3D generation (path routes do not check capabilities; images is the nearest)',
    ...source('trellis', 'Trellis 3D generation', 'images', 'TRELLIS_HOST', 'PORT_TRELLIS'),
    'routes:',
    ...pathRoute('embed-image', '/embed/image', 'siglip2', '/embed'),
    ...pathRoute('embed-text', '/embed/text', defaultEmbed, '/embed', `the default model: DEFAULT_EMBED=${env.DEFAULT_EMBED}`),
    ...pathRoute('embed-text-bge', '/embed/text/bge', 'embed-bge', '/embed'),
    ...pathRoute('embed-text-qwen3-4b', '/embed/text/qwen3-4b', 'embed-qwen3-4b', '/embed'),
    ...pathRoute('embed-text-qwen3-8b', '/embed/text/qwen3-8b', 'embed-qwen3-8b', '/embed'),
    `  # /rerank is the gateway's own (OpenAI-style) rerank endpoint: seed 000's default reranker is`,
    `  # the model "default-rerank" there (DEFAULT_RERANK=${env.DEFAULT_RERANK}).`,
    '  - name: rerank-default',
    '    match: { models: [default-rerank] }',
    `    targets: [{ source: ${defaultRerank}, model: ${q(rerankModel)}, path: /rerank }]`,
    ...pathRoute('rerank-qwen3-4b', '/rerank/qwen3-4b', 'rerank-qwen3-4b', '/rerank'),
    ...pathRoute('rerank-qwen3-8b', '/rerank/qwen3-8b', 'rerank-qwen3-8b', '/rerank'),
    ...pathRoute('vlm-caption', '/vlm/caption', 'vlm', '/caption'),
    ...pathRoute('vlm-chat', '/vlm/chat', 'vlm', '/chat'),
    ...pathRoute('generate-image', '/generate/image', 'zimage', '/generate'),
    ...pathRoute('generate-3d', '/generate/3d', 'trellis', '/generate'),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? '.env';
  try {
    process.stdout.write(envToConfigYaml(readFileSync(file, 'utf8')));
  } catch (err) {
    process.stderr.write(`seed-000-from-env: ${err.code === 'ENOENT' ? `${file} not found` : err.message}\n`);
    process.exitCode = 1;
  }
}
