import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LazyChildLogger } from './lazy-child-logger.js';

describe('LazyChildLogger', () => {
  it('logs with its bindings, and makes the child only when something is logged', () => {
    const lines: string[] = [];
    const parent = pino({ level: 'info' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    let children = 0;
    const child = parent.child.bind(parent);
    parent.child = ((...a: Parameters<typeof child>) => (children++, child(...a))) as typeof parent.child;
    const log = new LazyChildLogger(parent, { request_id: 'r-1' });
    log.debug('below the level');
    expect(children).toBe(0);
    log.warn({ code: 'x' }, 'something');
    log.info('again');
    expect(children).toBe(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ request_id: 'r-1', code: 'x', msg: 'something', level: 40 });
    expect(lines).toHaveLength(2);
  });
});
