import { describe, expect, it } from 'vitest';
import type { RestartPolicy } from '@aigw/shared/admin/local-models';
import { backoffDelay, initialMachine, transition, type RunEvent, type RunMachine } from './state-machine.js';

const onFailure: RestartPolicy = { policy: 'on-failure', max_retries: 2 };

/** Feeds events through the machine, collecting the effects the runner would carry out. */
function run(events: RunEvent[], policy: RestartPolicy = onFailure, from: RunMachine = initialMachine()) {
  let machine = from;
  const effects: string[] = [];
  const states: string[] = [];
  for (const event of events) {
    const next = transition(machine, event, policy, 1000);
    machine = next.machine;
    states.push(machine.state + (machine.backingOff ? '(backoff)' : ''));
    for (const e of next.effects) effects.push(e.type === 'schedule_restart' ? `schedule_restart:${e.delayMs}` : e.type);
  }
  return { machine, effects, states };
}

const crash = { type: 'exited', code: 1, signal: null } as const;
const killed = { type: 'exited', code: null, signal: 'SIGKILL' } as const;
const clean = { type: 'exited', code: 0, signal: null } as const;

describe('supervisor state machine', () => {
  it('start -> starting -> running -> stopping -> stopped', () => {
    const { states, effects, machine } = run([{ type: 'start' }, { type: 'ready' }, { type: 'stop' }, { type: 'exited', code: 0, signal: null }, { type: 'stopped' }]);
    expect(states).toEqual(['starting', 'running', 'stopping', 'stopping', 'stopped']);
    expect(effects).toEqual(['spawn', 'kill_group']);
    expect(machine).toMatchObject({ restarts: 0, lastError: null });
  });

  it('a crash restarts with exponential backoff, then gives up after max_retries with the reason', () => {
    const { states, effects, machine } = run([
      { type: 'start' },
      { type: 'ready' },
      crash,
      { type: 'restart_due' },
      { type: 'ready' },
      killed,
      { type: 'restart_due' },
      crash,
    ]);
    expect(states).toEqual(['starting', 'running', 'starting(backoff)', 'starting', 'running', 'starting(backoff)', 'starting', 'failed']);
    expect(effects).toEqual(['spawn', 'reap_group', 'schedule_restart:1000', 'spawn', 'reap_group', 'schedule_restart:2000', 'spawn', 'reap_group']);
    expect(machine).toMatchObject({ state: 'failed', restarts: 2, failures: 3, lastError: 'process exited with code 1; gave up after 2 restarts' });
  });

  it('running long enough forgets earlier crashes', () => {
    const { machine } = run([{ type: 'start' }, { type: 'ready' }, crash, { type: 'restart_due' }, { type: 'ready' }, { type: 'stable' }]);
    expect(machine).toMatchObject({ state: 'running', failures: 0, restarts: 1 });
    expect(run([crash], onFailure, machine).machine.state).toBe('starting');
  });

  it('policy never: a crash is final', () => {
    const { machine, effects } = run([{ type: 'start' }, { type: 'ready' }, crash], { policy: 'never', max_retries: 5 });
    expect(machine).toMatchObject({ state: 'failed', lastError: 'process exited with code 1' });
    expect(effects).toEqual(['spawn', 'reap_group']);
  });

  it('on-failure: a clean exit stops; always: it restarts', () => {
    expect(run([{ type: 'start' }, { type: 'ready' }, clean]).machine).toMatchObject({ state: 'stopped', lastError: 'process exited with code 0' });
    expect(run([{ type: 'start' }, { type: 'ready' }, clean], { policy: 'always', max_retries: 3 }).machine).toMatchObject({ state: 'starting', backingOff: true, restarts: 1 });
  });

  it('stop during a backoff cancels the restart; nothing to kill', () => {
    const { states, effects } = run([{ type: 'start' }, { type: 'ready' }, crash, { type: 'stop' }, { type: 'restart_due' }]);
    expect(states).toEqual(['starting', 'running', 'starting(backoff)', 'stopped', 'stopped']);
    expect(effects).toEqual(['spawn', 'reap_group', 'schedule_restart:1000', 'cancel_restart']);
  });

  it('not ready in time: the group is killed, and it ends failed with the reason', () => {
    const { states, effects, machine } = run([{ type: 'start' }, { type: 'not_ready', reason: 'not ready within 5 s' }, { type: 'exited', code: null, signal: 'SIGTERM' }, { type: 'stopped' }]);
    expect(states).toEqual(['starting', 'stopping', 'stopping', 'failed']);
    expect(effects).toEqual(['spawn', 'kill_group']);
    expect(machine.lastError).toBe('not ready within 5 s');
  });

  it('a process that cannot be spawned fails at once, without restarts', () => {
    const { machine } = run([{ type: 'start' }, { type: 'spawn_failed', reason: 'llama-server: command not found' }]);
    expect(machine).toMatchObject({ state: 'failed', restarts: 0, lastError: 'cannot start: llama-server: command not found' });
  });

  it('a new start by hand resets the counters and the error', () => {
    const failed = run([{ type: 'start' }, crash], { policy: 'never', max_retries: 0 }).machine;
    const { machine, effects } = run([{ type: 'start' }], onFailure, failed);
    expect(machine).toEqual({ state: 'starting', failures: 0, restarts: 0, lastError: null, backingOff: false, failing: false });
    expect(effects).toEqual(['spawn']);
  });

  it('ignores events that make no sense in a state', () => {
    const stopped = initialMachine();
    for (const e of [{ type: 'ready' }, { type: 'stopped' }, crash, { type: 'restart_due' }, { type: 'stop' }] as RunEvent[]) {
      expect(transition(stopped, e, onFailure, 1000)).toEqual({ machine: stopped, effects: [] });
    }
    const running = run([{ type: 'start' }, { type: 'ready' }]).machine;
    expect(transition(running, { type: 'start' }, onFailure, 1000)).toEqual({ machine: running, effects: [] });
    const stopping = run([{ type: 'stop' }], onFailure, running).machine;
    expect(transition(stopping, crash, onFailure, 1000).effects).toEqual([]);
  });

  it('backoff doubles and is capped at a minute', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(500, n))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(1000, 20)).toBe(60_000);
  });
});
