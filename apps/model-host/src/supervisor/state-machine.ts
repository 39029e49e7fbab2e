import type { RestartPolicy } from '@aigw/shared/admin/local-models';

/** A model process's life (the catalog adds not_downloaded and downloading in front). */
export type RunState = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

export type RunEvent =
  | { type: 'start' }
  | { type: 'ready' }
  | { type: 'stop' }
  /** The process group is gone after a stop. */
  | { type: 'stopped' }
  | { type: 'exited'; code: number | null; signal: string | null }
  | { type: 'spawn_failed'; reason: string }
  | { type: 'not_ready'; reason: string }
  /** A backoff delay before a restart is over. */
  | { type: 'restart_due' }
  /** Running long enough that earlier crashes no longer count against max_retries. */
  | { type: 'stable' };

export type RunEffect =
  | { type: 'spawn' }
  | { type: 'kill_group' }
  /** The process exited by itself: clear what is left of its group (workers it started hold GPU memory). */
  | { type: 'reap_group' }
  | { type: 'schedule_restart'; delayMs: number }
  | { type: 'cancel_restart' };

export interface RunMachine {
  state: RunState;
  /** Crashes in a row; compared with max_retries. */
  failures: number;
  /** Restarts after crashes since the last start by hand. */
  restarts: number;
  lastError: string | null;
  /** A restart is scheduled (state starting, no process yet). */
  backingOff: boolean;
  /** Being stopped because it failed (not ready in time): ends in failed, not stopped. */
  failing: boolean;
}

export const initialMachine = (): RunMachine => ({ state: 'stopped', failures: 0, restarts: 0, lastError: null, backingOff: false, failing: false });

export const MAX_BACKOFF_MS = 60_000;

/** base, 2×base, 4×base, ... capped at a minute. */
export function backoffDelay(baseMs: number, failures: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, failures - 1));
}

export function describeExit(code: number | null, signal: string | null): string {
  return signal ? `process killed by ${signal}` : `process exited with code ${code}`;
}

function shouldRestart(policy: RestartPolicy, clean: boolean, failures: number): boolean {
  if (policy.policy === 'never') return false;
  if (policy.policy === 'on-failure' && clean) return false;
  return failures <= policy.max_retries;
}

/**
 * The supervisor's rules as one pure function: state + event -> new state + effects for the runner
 * to carry out. Events that make no sense in a state change nothing.
 */
export function transition(m: RunMachine, event: RunEvent, policy: RestartPolicy, backoffBaseMs: number): { machine: RunMachine; effects: RunEffect[] } {
  const same = { machine: m, effects: [] as RunEffect[] };
  switch (event.type) {
    case 'start':
      if (m.state === 'stopped' || m.state === 'failed') {
        return { machine: { state: 'starting', failures: 0, restarts: 0, lastError: null, backingOff: false, failing: false }, effects: [{ type: 'spawn' }] };
      }
      return same;
    case 'ready':
      return m.state === 'starting' && !m.backingOff ? { machine: { ...m, state: 'running' }, effects: [] } : same;
    case 'stable':
      return m.state === 'running' ? { machine: { ...m, failures: 0 }, effects: [] } : same;
    case 'restart_due':
      return m.state === 'starting' && m.backingOff ? { machine: { ...m, backingOff: false }, effects: [{ type: 'spawn' }] } : same;
    case 'stop':
      if (m.state === 'starting' && m.backingOff) return { machine: { ...m, state: 'stopped', backingOff: false }, effects: [{ type: 'cancel_restart' }] };
      if (m.state === 'starting' || m.state === 'running') return { machine: { ...m, state: 'stopping', failing: false }, effects: [{ type: 'kill_group' }] };
      if (m.state === 'failed') return { machine: { ...m, state: 'stopped' }, effects: [] };
      return same;
    case 'stopped':
      return m.state === 'stopping' ? { machine: { ...m, state: m.failing ? 'failed' : 'stopped', backingOff: false, failing: false }, effects: [] } : same;
    case 'spawn_failed':
      if (m.state !== 'starting') return same;
      return { machine: { ...m, state: 'failed', lastError: `cannot start: ${event.reason}`, backingOff: false }, effects: [] };
    case 'not_ready':
      if (m.state !== 'starting' || m.backingOff) return same;
      return { machine: { ...m, state: 'stopping', lastError: event.reason, failing: true }, effects: [{ type: 'kill_group' }] };
    case 'exited': {
      if (m.state === 'stopping') return same; // the group is being stopped; 'stopped' follows
      if ((m.state !== 'starting' && m.state !== 'running') || m.backingOff) return same;
      const clean = event.code === 0 && event.signal === null;
      const reason = describeExit(event.code, event.signal);
      const failures = m.failures + 1;
      if (shouldRestart(policy, clean, failures)) {
        return {
          machine: { ...m, state: 'starting', failures, restarts: m.restarts + 1, lastError: reason, backingOff: true },
          effects: [{ type: 'reap_group' }, { type: 'schedule_restart', delayMs: backoffDelay(backoffBaseMs, failures) }],
        };
      }
      const gaveUp =
        policy.policy !== 'never' && !(policy.policy === 'on-failure' && clean) ? `${reason}; gave up after ${m.restarts} restart${m.restarts === 1 ? '' : 's'}` : reason;
      return { machine: { ...m, state: clean && policy.policy !== 'always' ? 'stopped' : 'failed', failures, lastError: gaveUp, backingOff: false }, effects: [{ type: 'reap_group' }] };
    }
  }
}
