// `pnpm bench`: starts the built gateway (embedded storage) in front of a local mock upstream and
// measures req/s, latency percentiles and the gateway's CPU per request for non-streamed chat,
// streamed chat, embeddings, and one-connection latency. Load comes from autocannon, in this process.
// Options: --duration=10 (s per scenario), --connections=64, --scenarios=chat,stream,embed,latency, --postgres
// For the comparison against a bare Node proxy and Portkey's gateway, see ../shared/bench (README).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { AdminClient } from '@aigw/testkit/admin-client';
import { startGateway } from '@aigw/testkit/gateway-process';
import { MockOpenAI } from '@aigw/testkit/mock-openai';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    scenarios: { type: 'string', default: 'chat,stream,embed,latency' },
    postgres: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

/** utime + stime of a process, in µs (Linux /proc; USER_HZ = 100). */
const cpuMicros = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
};

const upstream = await MockOpenAI.start({ name: 'bench', record: false });
const gateway = await startGateway({ storage: values.postgres ? 'postgres' : 'embedded', env: { LOG_LEVEL: 'warn' } });
try {
  const admin = await AdminClient.login(gateway.url);
  const { key } = await admin.setupChat([upstream.url], 'bench-chat');
  const embed = await admin.post('/api/admin/sources', { name: 'bench-embed', instances: [{ url: upstream.url }] });
  await admin.post('/api/admin/routes', { name: 'bench-embed', match: { models: ['bench-embed'] }, targets: [{ source_id: embed.body.id }] });
  const messages = [{ role: 'user', content: 'Say hello in one short sentence.' }];
  const scenarios = {
    chat: { path: '/v1/chat/completions', body: { model: 'bench-chat', messages }, connections },
    stream: { path: '/v1/chat/completions', body: { model: 'bench-chat', messages, stream: true }, connections },
    embed: { path: '/v1/embeddings', body: { model: 'bench-embed', input: 'The quick brown fox jumps over the lazy dog.', encoding_format: 'float' }, connections: Math.max(1, connections >> 1) },
    latency: { path: '/v1/chat/completions', body: { model: 'bench-chat', messages }, connections: 1 },
  } as const;
  const rows: string[] = ['| scenario | conns | req/s | p50 ms | p99 ms | errors | gateway CPU µs/req |', '|---|---|---|---|---|---|---|'];
  for (const name of values.scenarios!.split(',') as Array<keyof typeof scenarios>) {
    const s = scenarios[name];
    if (!s) throw new Error(`unknown scenario ${name}`);
    const options = {
      url: gateway.url + s.path,
      method: 'POST' as const,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(s.body),
      connections: s.connections,
    };
    await autocannon({ ...options, duration: 2 }); // warm-up
    const cpuBefore = cpuMicros(gateway.child.pid!);
    const result = await autocannon({ ...options, duration });
    const cpuPerRequest = (cpuMicros(gateway.child.pid!) - cpuBefore) / Math.max(1, result.requests.total);
    const errors = result.errors + result.non2xx;
    rows.push(`| ${name} | ${s.connections} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${errors} | ${Math.round(cpuPerRequest)} |`);
    console.error(`${name}: done`);
  }
  console.log(rows.join('\n'));
} finally {
  await gateway.cleanup();
  await upstream.close();
}
