import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pem {
  cert: string;
  key: string;
}

export interface IssueOptions {
  /** Days of validity; negative makes an already expired certificate. Default 30. */
  days?: number;
  /** Signed by the intermediate instead of the root. */
  byIntermediate?: boolean;
  /** P-256 (default) or RSA 2048. */
  keyType?: 'ec' | 'rsa';
}

/**
 * A throw-away PKI made with the `openssl` binary at test time (nothing is committed): a root CA, an
 * intermediate, and leaf certificates for any DNS names. Keys live in a temp dir removed by `cleanup`.
 */
export class TestPki {
  private serial = 0;

  private constructor(
    private readonly dir: string,
    readonly root: Pem,
    readonly intermediate: Pem,
  ) {}

  static async create(): Promise<TestPki> {
    const dir = await mkdtemp(path.join(tmpdir(), 'aigw-pki-'));
    const root = await selfSigned(dir, 'root', 'AIGW Test Root CA');
    const intermediate = await sign(dir, 'intermediate', '/CN=AIGW Test Intermediate', root, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n', 30, 'ec');
    return new TestPki(dir, root, intermediate);
  }

  /** A leaf for `names` (the first is also its CN); `cert` is the leaf alone. */
  async issue(names: string[], options: IssueOptions = {}): Promise<Pem> {
    const issuer = options.byIntermediate ? this.intermediate : this.root;
    const ext = `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`;
    return sign(this.dir, `leaf-${++this.serial}`, `/CN=${names[0]}`, issuer, ext, options.days ?? 30, options.keyType ?? 'ec');
  }

  cleanup(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

async function newKey(dir: string, name: string, type: 'ec' | 'rsa'): Promise<string> {
  const file = path.join(dir, `${name}.key`);
  const args = type === 'ec' ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  await run('openssl', ['genpkey', ...args, '-out', file]);
  return file;
}

async function selfSigned(dir: string, name: string, cn: string): Promise<Pem> {
  const key = await newKey(dir, name, 'ec');
  const cert = path.join(dir, `${name}.crt`);
  await run('openssl', ['req', '-x509', '-new', '-key', key, '-out', cert, '-subj', `/CN=${cn}`, '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8') };
}

async function sign(dir: string, name: string, subject: string, issuer: Pem, ext: string, days: number, type: 'ec' | 'rsa'): Promise<Pem> {
  const key = await newKey(dir, name, type);
  const file = (suffix: string) => path.join(dir, `${name}.${suffix}`);
  await writeFile(file('issuer.crt'), issuer.cert);
  await writeFile(file('issuer.key'), issuer.key, { mode: 0o600 });
  await writeFile(file('ext'), ext);
  await run('openssl', ['req', '-new', '-key', key, '-out', file('csr'), '-subj', subject]);
  await run('openssl', ['x509', '-req', '-in', file('csr'), '-CA', file('issuer.crt'), '-CAkey', file('issuer.key'), '-set_serial', String(Date.now() * 1000 + Math.floor(Math.random() * 1000)), '-out', file('crt'), '-days', String(days), '-extfile', file('ext')]);
  return { cert: await readFile(file('crt'), 'utf8'), key: await readFile(key, 'utf8') };
}
