import type { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '@aigw/server-kit/gateway-error';

/** Per field or file: far above a real PEM chain. */
const PART_BYTES = 256 * 1024;
const CERTIFICATES_PATH = '/api/admin/certificates';

/**
 * A multipart certificate upload -> the same object the JSON body gives: each field (text, or a
 * file such as cert.pem / key.pem) as a string; `default` as a boolean when it reads true or false.
 * Validation then runs on it as on JSON.
 */
export function readCertificateForm(headers: Record<string, string | string[] | undefined>, body: Readable): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {};
    const pending: Array<Promise<void>> = [];
    let failed = false;
    const fail = (error: GatewayError) => {
      if (failed) return;
      failed = true;
      body.resume();
      reject(error);
    };
    const tooLarge = (name: string) => new GatewayError('request_too_large', `${name}: larger than ${PART_BYTES / 1024} KiB`, { param: name });
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({ headers: { ...headers, 'content-type': String(headers['content-type'] ?? '') }, limits: { fieldSize: PART_BYTES, fileSize: PART_BYTES, parts: 10 } });
    } catch {
      reject(new GatewayError('invalid_request', 'Expected a multipart/form-data body with a boundary'));
      return;
    }
    parser.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (valueTruncated) return fail(tooLarge(name));
      fields[name] = name === 'default' && (value === 'true' || value === 'false') ? value === 'true' : value;
    });
    parser.on('file', (name: string, stream: Readable) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge(name)));
      pending.push(
        new Promise((done) =>
          stream.once('end', () => {
            fields[name] = Buffer.concat(chunks).toString('utf8');
            done();
          }),
        ),
      );
    });
    parser.on('partsLimit', () => fail(new GatewayError('invalid_request', 'Too many parts in the form')));
    parser.on('error', () => fail(new GatewayError('invalid_request', 'The multipart body is malformed')));
    parser.on('finish', () => void Promise.all(pending).then(() => !failed && resolve(fields)));
    body.on('error', () => fail(new GatewayError('invalid_request', 'The upload was interrupted')));
    body.pipe(parser);
  });
}

/** Lets the admin API take multipart bodies, on the certificate routes only (415 elsewhere, as before). */
export function acceptCertificateForms(admin: FastifyInstance): void {
  admin.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    if (!request.url.startsWith(CERTIFICATES_PATH)) {
      done(new GatewayError('unsupported_media_type', `Unsupported Media Type: ${request.headers['content-type']?.split(';')[0]}`), undefined);
      return;
    }
    readCertificateForm(request.headers, payload).then(
      (fields) => done(null, fields),
      (err: Error) => done(err, undefined),
    );
  });
}
