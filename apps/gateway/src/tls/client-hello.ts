/** A TLS record is at most 2^14 bytes of payload (plus 2^11 of expansion) after its 5-byte header. */
export const MAX_CLIENT_HELLO_BYTES = 5 + 16_384 + 2_048;

export type ClientHelloRead =
  /** More bytes are needed. */
  | { kind: 'partial' }
  /** Not a TLS ClientHello (plain HTTP on the HTTPS port, garbage): refuse the connection. */
  | { kind: 'invalid' }
  /** The server name the client asked for (SNI), or null when it sent none (e.g. connecting by IP). */
  | { kind: 'hello'; serverName: string | null };

const HANDSHAKE = 0x16;
const CLIENT_HELLO = 0x01;
const SERVER_NAME = 0x0000;
const HOST_NAME = 0x00;

/**
 * Reads the server name from the first TLS record of a connection, without consuming it, so the
 * certificate can be chosen before the handshake starts. Only the first record is read: a ClientHello
 * is one record in practice (even with post-quantum key shares it stays far below 16 KiB).
 */
export function readClientHello(buf: Buffer): ClientHelloRead {
  if (buf.length < 5) return buf.length > 0 && buf[0] !== HANDSHAKE ? { kind: 'invalid' } : { kind: 'partial' };
  if (buf[0] !== HANDSHAKE || buf[1] !== 3) return { kind: 'invalid' };
  const recordLength = buf.readUInt16BE(3);
  if (recordLength > MAX_CLIENT_HELLO_BYTES - 5) return { kind: 'invalid' };
  if (buf.length < 5 + recordLength) return { kind: 'partial' };
  const record = buf.subarray(5, 5 + recordLength);
  try {
    return { kind: 'hello', serverName: serverNameOf(record) };
  } catch {
    return { kind: 'invalid' };
  }
}

/** Walks the ClientHello body to its server_name extension; throws on a malformed one. */
function serverNameOf(record: Buffer): string | null {
  const r = new Reader(record);
  if (r.u8() !== CLIENT_HELLO) throw new Error('not a ClientHello');
  r.skip(3); // handshake length
  r.skip(2 + 32); // legacy version, random
  r.skip(r.u8()); // session id
  r.skip(r.u16()); // cipher suites
  r.skip(r.u8()); // compression methods
  if (r.done()) return null; // no extensions at all
  const end = r.at + r.u16();
  while (r.at < end) {
    const type = r.u16();
    const length = r.u16();
    if (type !== SERVER_NAME) {
      r.skip(length);
      continue;
    }
    const listEnd = r.at + r.u16();
    while (r.at < listEnd) {
      const nameType = r.u8();
      const name = r.bytes(r.u16());
      if (nameType === HOST_NAME) return name.toString('ascii').toLowerCase();
    }
    return null;
  }
  return null;
}

class Reader {
  at = 0;
  constructor(private readonly buf: Buffer) {}

  u8(): number {
    return this.buf.readUInt8(this.take(1));
  }

  u16(): number {
    return this.buf.readUInt16BE(this.take(2));
  }

  skip(n: number): void {
    this.take(n);
  }

  bytes(n: number): Buffer {
    const from = this.take(n);
    return this.buf.subarray(from, from + n);
  }

  done(): boolean {
    return this.at >= this.buf.length;
  }

  private take(n: number): number {
    if (this.at + n > this.buf.length) throw new Error('truncated ClientHello');
    const from = this.at;
    this.at += n;
    return from;
  }
}
