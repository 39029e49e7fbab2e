import type { IncomingMessage } from 'node:http';
import { uuidV7 } from './uuid-v7.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's own x-request-id is kept when it is sane; otherwise a fresh, time-ordered UUID (v7: usage_records' request_id index stays append-mostly). */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : uuidV7();
}

/** Did `requestIdFor` make this request's id (a fresh UUID v7 of its arrival) rather than keep the caller's? */
export function requestIdMadeHere(req: Pick<IncomingMessage, 'headers'>, id: string): boolean {
  return req.headers['x-request-id'] !== id;
}
