// `pnpm bench:governance`: two built gateways on the real Postgres and Redis for ../shared/bench,
// one with governance on (a key carrying every limit, usage records written) and one with it off
// (a key without limits, USAGE_RECORDS=false), both routing to the harness's mock upstream on :9100.
// Prints the run.mjs command to measure them side by side, then waits; Ctrl-C stops both and
// removes their databases and Redis keys.
// Options: --upstream=http://127.0.0.1:9100/v1, --cpu-prof=DIR (V8 CPU profiles, written on stop),
// --node-args="..." (more flags for every gateway's node, e.g. "--log-deopt --logfile=/tmp/v8-%p.log"),
// --split (two more: limits only, usage records only — what each stage costs on its own),
// --copies=N (N processes of each variant, named gov_on_1, gov_on_2, …: identical gateways in two
// processes differ by about 10% on a 2-core machine, so one process per variant cannot settle a
// difference of that size; compare the variants' medians over their copies).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway, type GatewayProcess } from '@aigw/testkit/gateway-process';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string', default: 'http://127.0.0.1:9100/v1' },
    'cpu-prof': { type: 'string' },
    'node-args': { type: 'string', default: '' },
    split: { type: 'boolean', default: false },
    copies: { type: 'string', default: '1' },
  },
});

/** Every limit set, none of them reachable in a benchmark: the cost measured is the checking. */
const GOVERNED: Record<string, number> = {
  requests_per_second: 1_000_000,
  requests_per_minute: 60_000_000,
  concurrent_requests: 100_000,
  input_tokens_per_minute: 1_000_000_000,
  output_tokens_per_minute: 1_000_000_000,
  tokens_per_day: 1_000_000_000_000,
};

async function prepare(name: string, usageRecords: boolean, limits?: Record<string, number>): Promise<{ gateway: GatewayProcess; key: string }> {
  const gateway = await startGateway({
    storage: 'postgres',
    env: { USAGE_RECORDS: String(usageRecords) },
    nodeArgs: [
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`, `--cpu-prof-name=${name}.cpuprofile`] : []),
      ...values['node-args'].split(' ').filter(Boolean),
    ],
  });
  const admin = await AdminClient.login(gateway.url);
  const source = await admin.post('/api/admin/sources', { name, instances: [{ url: values.upstream }] });
  if (source.status !== 201) throw new Error(`source: ${source.status} ${source.text}`);
  const route = await admin.post('/api/admin/routes', { name, match: { models: ['*'] }, targets: [{ source_id: source.body.id }] });
  if (route.status !== 201) throw new Error(`route: ${route.status} ${route.text}`);
  const key = await admin.post('/api/admin/keys', { name, ...(limits ? { limits } : {}) });
  if (key.status !== 201) throw new Error(`key: ${key.status} ${key.text}`);
  return { gateway, key: key.body.key as string };
}

const copies = Number(values.copies);
if (!Number.isInteger(copies) || copies < 1) throw new Error(`--copies must be a whole number of at least 1, not ${values.copies}`);
const variants = [
  { name: 'gov_on', usage: true, limits: GOVERNED },
  { name: 'gov_off', usage: false },
  ...(values.split ? [{ name: 'limits_only', usage: false, limits: GOVERNED }, { name: 'usage_only', usage: true }] : []),
].flatMap((v) => (copies === 1 ? [v] : Array.from({ length: copies }, (_, i) => ({ ...v, name: `${v.name}_${i + 1}` }))));
const started = await Promise.all(variants.map((v) => prepare(v.name, v.usage, v.limits)));
const names = variants.map((v) => v.name);
console.log(
  [
    'Gateways ready. In ../shared/bench:',
    `node run.mjs ${started.map((s, i) => `${names[i]}=${s.gateway.url}`).join(' ')} ${started.map((s, i) => `"--header=${names[i]}=Authorization: Bearer ${s.key}"`).join(' ')} --scenarios=chat,stream,latency`,
    `PIDs: ${started.map((s, i) => `${names[i]} ${s.gateway.child.pid}`).join(', ')}. Ctrl-C to stop.`,
  ].join('\n'),
);

const stop = async () => {
  await Promise.all(started.map((s) => s.gateway.cleanup()));
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
