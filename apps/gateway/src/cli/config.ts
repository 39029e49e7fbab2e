// `pnpm --filter ./apps/gateway run config <export|apply> ...`: declarative config against a running
// gateway, over its admin API. Node builtins and `yaml` only.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ApplyConfigRequest, ApplyConfigResult } from '@aigw/shared/admin/config';
import { cliEnvironment } from '../config/cli-env.js';
import { parseConfigText } from '../config-sync/config-text.js';
import { describeEnvProblem, resolveEnvRefs } from '../config-sync/env-refs.js';
import { formatPlan } from './plan-table.js';

const USAGE = `Usage: config <command> [options]

Commands:
  export [--format yaml|json] [--out FILE]   print (or write) every source and route as a document
  apply FILE [--dry-run] [--prune]           make the gateway's sources and routes match FILE

Options:
  --url URL          the gateway (default: $AIGW_URL, else http://localhost:8080)
  --email EMAIL      admin account (default: $AIGW_EMAIL)
  --password PASS    its password (default: $AIGW_PASSWORD)
  --token TOKEN      an access token instead of email and password (default: $AIGW_TOKEN)
  --dry-run          show what apply would change, change nothing
  --prune            also delete sources and routes FILE does not name
  --server-env       leave ENV:NAME values for the gateway to read from its own environment
                     (default: read them here, from this shell's environment, before sending)
  -h, --help         this text

Exit status: 0 on success, 1 on any error (the gateway's message is printed).`;

class CliError extends Error {}

const env = cliEnvironment();

/** Relative paths are the operator's: pnpm runs scripts in the package folder but says where it was started. */
const userPath = (file: string) => path.resolve(env.npm_lifecycle_event && env.INIT_CWD ? env.INIT_CWD : process.cwd(), file);

interface Connection {
  url: string;
  token: string;
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`cannot reach ${new URL(url).origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
}

/** The API's error message (OpenAI's error body), or the status line. */
async function apiError(res: Response): Promise<CliError> {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text) as { error?: { message?: string; param?: string | null } };
    if (error?.message) return new CliError(`${error.message}${error.param ? ` (${error.param})` : ''} [HTTP ${res.status}]`);
  } catch {
    // not JSON
  }
  return new CliError(`HTTP ${res.status} ${res.statusText}${text ? `: ${text.slice(0, 500)}` : ''}`);
}

async function connect(values: { url?: string; email?: string; password?: string; token?: string }): Promise<Connection> {
  const url = (values.url ?? env.AIGW_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
  const token = values.token ?? env.AIGW_TOKEN;
  if (token) return { url, token };
  const email = values.email ?? env.AIGW_EMAIL;
  const password = values.password ?? env.AIGW_PASSWORD;
  if (!email || !password) throw new CliError('credentials needed: --email and --password (or AIGW_EMAIL and AIGW_PASSWORD), or --token');
  const res = await request(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw await apiError(res);
  const body = (await res.json()) as { access_token: string };
  return { url, token: body.access_token };
}

async function exportCommand(conn: Connection, format: string, out: string | undefined): Promise<void> {
  if (format !== 'yaml' && format !== 'json') throw new CliError(`--format must be yaml or json, not "${format}"`);
  const res = await request(`${conn.url}/api/admin/config/export?format=${format}`, { headers: { authorization: `Bearer ${conn.token}` } });
  if (!res.ok) throw await apiError(res);
  const body = await res.text();
  if (out) {
    await writeFile(userPath(out), body);
    process.stderr.write(`wrote ${userPath(out)}\n`);
  } else process.stdout.write(body);
}

/** The file's text as sent: ENV:NAME resolved from this environment, unless the gateway is to resolve them. */
async function documentToSend(file: string, serverEnv: boolean): Promise<string> {
  let text: string;
  try {
    text = await readFile(userPath(file), 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (serverEnv) return text;
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw new CliError(`${file}: ${parsed.message}`);
  const { value, problems } = resolveEnvRefs(parsed.value, { get: (name) => env[name] });
  if (problems.length) {
    const lines = problems.map((p) => `  ${describeEnvProblem(p, 'this environment')}`).join('\n');
    throw new CliError(`${file}: cannot resolve ENV references:\n${lines}\n(export them here, or pass --server-env to let the gateway read them)`);
  }
  return JSON.stringify(value);
}

async function applyCommand(conn: Connection, document: string, options: { dryRun: boolean; prune: boolean }): Promise<void> {
  const body: ApplyConfigRequest = { document, dry_run: options.dryRun, prune: options.prune };
  const res = await request(`${conn.url}/api/admin/config/apply`, {
    method: 'POST',
    headers: { authorization: `Bearer ${conn.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await apiError(res);
  process.stdout.write(formatPlan((await res.json()) as ApplyConfigResult));
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        token: { type: 'string' },
        format: { type: 'string', default: 'yaml' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        prune: { type: 'boolean', default: false },
        'server-env': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command === 'export' && rest.length === 0) {
    await exportCommand(await connect(values), values.format, values.out);
  } else if (command === 'apply' && rest.length === 1) {
    // the file is read first: a bad file fails before any network call
    const document = await documentToSend(rest[0]!, values['server-env']);
    await applyCommand(await connect(values), document, { dryRun: values['dry-run'], prune: values.prune });
  } else {
    throw new CliError(command && !['export', 'apply'].includes(command) ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof CliError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
