import { describe, expect, it } from 'vitest';
import { pemBlocks, readPemFile } from './pem-file';

const block = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
const LEAF = block('CERTIFICATE', 'TEFG');
const INTERMEDIATE = block('CERTIFICATE', 'SU5U');
const KEY = block('PRIVATE KEY', 'S0VZ');
const EC_KEY = block('EC PRIVATE KEY', 'RUNL');
const file = (text: BlobPart, name = 'edge.pem') => new File([text], name);

describe('reading PEM files in the browser', () => {
  it('finds the labelled blocks, ignoring text around them', () => {
    expect(pemBlocks(`subject=CN=a.test\n${LEAF}\nissuer=...\n${KEY}\n`)).toEqual([
      { label: 'CERTIFICATE', pem: LEAF },
      { label: 'PRIVATE KEY', pem: KEY },
    ]);
  });

  it('keeps only the certificates of a chain file, in their order', async () => {
    expect(await readPemFile(file(`Bag Attributes\n${LEAF}\n\n${INTERMEDIATE}\n`), 'certificate')).toEqual({ ok: true, values: { certificate: `${LEAF}\n${INTERMEDIATE}\n` } });
  });

  it('fills both fields from a combined chain-and-key file', async () => {
    expect(await readPemFile(file(`${LEAF}\n${INTERMEDIATE}\n${EC_KEY}\n`), 'certificate')).toEqual({
      ok: true,
      values: { certificate: `${LEAF}\n${INTERMEDIATE}\n`, private_key: `${EC_KEY}\n` },
    });
  });

  it('takes only the key from a file picked for the key', async () => {
    expect(await readPemFile(file(`${LEAF}\n${KEY}\n`, 'edge.key'), 'private_key')).toEqual({ ok: true, values: { private_key: `${KEY}\n` } });
  });

  it('says why a file does not fit its field', async () => {
    const error = async (f: File, field: 'certificate' | 'private_key') => {
      const read = await readPemFile(f, field);
      return read.ok ? null : read.error;
    };
    expect(await error(file(KEY, 'edge.key'), 'certificate')).toBe('edge.key holds no certificate');
    expect(await error(file(LEAF, 'edge.crt'), 'private_key')).toBe('edge.crt holds no private key');
    expect(await error(file(new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x00]), 'edge.cer'), 'certificate')).toMatch(/^edge\.cer holds no PEM text; .*openssl x509 -inform der/);
    expect(await error(file(block('ENCRYPTED PRIVATE KEY', 'RU5D')), 'private_key')).toMatch(/encrypted private key/);
    expect(await error(file(`${KEY}\n${EC_KEY}`), 'private_key')).toMatch(/holds 2 private keys/);
    expect(await error(file('x'.repeat(256 * 1024 + 1)), 'certificate')).toBe('edge.pem is too large to be a PEM chain');
  });
});
