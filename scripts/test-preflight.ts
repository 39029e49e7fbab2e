import { existsSync } from 'node:fs';
import net from 'node:net';

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

/** Fails the run at once, with the fix, when what the e2e tests need is missing. */
export default async function preflight(): Promise<void> {
  const problems: string[] = [];
  if (!existsSync(new URL('../apps/gateway/dist/main.js', import.meta.url))) problems.push('the gateway is not built: run `pnpm build` (or `pnpm test`, which builds first)');
  if (!(await reachable(5432))) problems.push('no Postgres on 127.0.0.1:5432 (trust auth, user postgres); see README "Tests"');
  if (!(await reachable(6379))) problems.push('no Redis on 127.0.0.1:6379; see README "Tests"');
  if (problems.length) throw new Error(`Cannot run the e2e tests:\n- ${problems.join('\n- ')}`);
}
