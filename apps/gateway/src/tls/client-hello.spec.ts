import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { readClientHello } from './client-hello.js';

/** The first bytes a real TLS client (node:tls, OpenSSL) sends, with or without a server name. */
async function realClientHello(servername: string | undefined): Promise<Buffer> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const got = new Promise<Buffer>((resolve) => {
    server.once('connection', (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (d: Buffer) => {
        chunks.push(d);
        const all = Buffer.concat(chunks);
        if (all.length >= 5 && all.length >= 5 + all.readUInt16BE(3)) {
          resolve(all);
          socket.destroy();
        }
      });
    });
  });
  const client = connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, ...(servername ? { servername } : {}), rejectUnauthorized: false });
  client.on('error', () => undefined);
  const hello = await got;
  client.destroy();
  server.close();
  return hello;
}

describe('readClientHello', () => {
  it('finds the server name of a real ClientHello, whatever the bytes that arrived so far', async () => {
    const hello = await realClientHello('API.Example.test');
    expect(readClientHello(hello)).toEqual({ kind: 'hello', serverName: 'api.example.test' });
    for (const cut of [0, 1, 4, 5, 40, hello.length - 1]) expect(readClientHello(hello.subarray(0, cut)).kind).toBe('partial');
  });

  it('says null when the client sent no server name', async () => {
    expect(readClientHello(await realClientHello(undefined))).toEqual({ kind: 'hello', serverName: null });
  });

  it('refuses what is not a TLS handshake or is malformed', async () => {
    expect(readClientHello(Buffer.from('GET / HTTP/1.1\r\n\r\n')).kind).toBe('invalid');
    expect(readClientHello(Buffer.from([0x16, 3, 1, 0xff, 0xff])).kind).toBe('invalid');
    const hello = await realClientHello('a.test');
    const broken = Buffer.from(hello);
    broken.writeUInt16BE(10, 3); // a record too short for its ClientHello
    expect(readClientHello(broken).kind).toBe('invalid');
  });
});
