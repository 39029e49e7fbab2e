import type { IncomingMessage } from 'node:http';
import { uuidV7 } from './uuid-v7.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's own x-request-id is kept when it is sane; otherwise a fresh, time-ordered UUID (v7: usage_records' request_id index stays append-mostly). */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : uuidV7();
}
