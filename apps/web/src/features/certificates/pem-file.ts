import { createCertificateSchema } from '@aigw/shared/admin/certificates';

/** The two PEM fields of the upload form, named as the API names them. */
export type PemFieldName = 'certificate' | 'private_key';

/** What a picked file fills in: the field it was picked for, and the key too when a chain file holds one. */
export type PemFileResult = { ok: true; values: Partial<Record<PemFieldName, string>> } | { ok: false; error: string };

/** The API's own limit on a PEM field (larger files are not certificates). */
const MAX_CHARS = createCertificateSchema.shape.certificate.maxLength ?? Number.POSITIVE_INFINITY;

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The PEM blocks of a text, with their labels (`CERTIFICATE`, `PRIVATE KEY`, `EC PRIVATE KEY`...). */
export function pemBlocks(text: string): { label: string; pem: string }[] {
  return [...text.matchAll(BLOCK)].map((m) => ({ label: m[1]!, pem: m[0] }));
}

const joined = (blocks: { pem: string }[]) => `${blocks.map((b) => b.pem).join('\n')}\n`;

/**
 * A file picked for the chain or the key, read in the browser. Only the blocks that belong to the
 * field are kept, so a key never lands in the chain field; a chain file that also holds the key
 * (a combined `.pem`) fills both. Files that are not PEM text, or not the right kind, say why.
 */
export async function readPemFile(file: Blob & { name?: string }, field: PemFieldName): Promise<PemFileResult> {
  const name = file.name || 'The file';
  if (file.size > MAX_CHARS) return { ok: false, error: `${name} is too large to be a PEM ${field === 'certificate' ? 'chain' : 'key'}` };
  const blocks = pemBlocks(await file.text());
  if (blocks.length === 0) {
    const convert = field === 'certificate' ? 'openssl x509 -inform der -in FILE' : 'openssl pkey -inform der -in FILE';
    return { ok: false, error: `${name} holds no PEM text; a binary (DER) file converts with: ${convert}` };
  }
  const certificates = blocks.filter((b) => b.label === 'CERTIFICATE');
  const keys = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'));
  if (keys.some((k) => k.label === 'ENCRYPTED PRIVATE KEY')) return { ok: false, error: `${name} holds an encrypted private key; decrypt it first: openssl pkey -in FILE` };
  if (keys.length > 1) return { ok: false, error: `${name} holds ${keys.length} private keys; pick the file with the key of the leaf certificate` };
  const key = keys.length === 1 ? { private_key: joined(keys) } : {};
  if (field === 'certificate') {
    return certificates.length > 0 ? { ok: true, values: { certificate: joined(certificates), ...key } } : { ok: false, error: `${name} holds no certificate` };
  }
  return keys.length === 1 ? { ok: true, values: key } : { ok: false, error: `${name} holds no private key` };
}
