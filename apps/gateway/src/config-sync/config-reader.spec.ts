import { describe, expect, it } from 'vitest';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { readConfigDocument, type ReadOptions } from './config-reader.js';
import { parseConfigText } from './config-text.js';

const options: ReadOptions = {
  env: { get: (name) => ({ OPENAI_API_KEY: 'sk-from-env' })[name] },
  capabilities: (s) => {
    if (s.provider === 'azure-openai' && !s.api_version) throw new GatewayError('invalid_request', 'Azure OpenAI sources need api_version', { param: 'api_version' });
    return s.capabilities ?? ['chat', 'embeddings'];
  },
};

/** The 400 a bad document gets: its message and param. */
function rejection(text: string, opts: ReadOptions = options): { status: number; code: string; message: string; param: string | null } {
  try {
    readConfigDocument(text, opts);
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    return { status: err.status, code: err.code, message: err.message, param: err.param };
  }
  throw new Error('the document was accepted');
}

const YAML = `version: 1
sources:
  - name: openai
    provider: openai
    instances:
      - url: https://api.openai.com/v1
        api_key: ENV:OPENAI_API_KEY
routes:
  - name: gpt
    match: { models: [gpt-4o] }
    targets: [{ source: openai, model: gpt-4o-2024-08-06 }]
`;

describe('readConfigDocument', () => {
  it('reads YAML, resolves ENV: references and fills defaults', () => {
    expect(readConfigDocument(YAML, options)).toEqual({
      sources: [
        {
          name: 'openai',
          provider: 'openai',
          capabilities: ['chat', 'embeddings'],
          instances: [{ url: 'https://api.openai.com/v1', api_key: 'sk-from-env', weight: 1, enabled: true }],
        },
      ],
      routes: [{ name: 'gpt', match: { models: ['gpt-4o'] }, targets: [{ source: 'openai', model: 'gpt-4o-2024-08-06', weight: 1 }], strategy: 'round_robin', priority: 0, enabled: true }],
    });
  });

  it('reads the same document as JSON', () => {
    const json = JSON.stringify({
      version: 1,
      sources: [{ name: 'openai', provider: 'openai', instances: [{ url: 'https://api.openai.com/v1', api_key: 'ENV:OPENAI_API_KEY' }] }],
      routes: [{ name: 'gpt', match: { models: ['gpt-4o'] }, targets: [{ source: 'openai', model: 'gpt-4o-2024-08-06' }] }],
    });
    expect(readConfigDocument(json, options)).toEqual(readConfigDocument(YAML, options));
  });

  it('gives the line and column of a YAML syntax error', () => {
    const r = rejection('version: 1\nsources:\n  - name: a\n   bad: x\n');
    expect(r).toEqual({ status: 400, code: 'invalid_request', param: 'document', message: expect.stringMatching(/^YAML syntax error at line 4, column \d+: Sequence item without - indicator/) });
  });

  it('gives the line and column of a JSON syntax error', () => {
    const r = rejection('{\n  "version": 1,\n  "sources": [}\n');
    expect(r.message).toMatch(/^JSON syntax error at line 3, column \d+: /);
    expect(r.param).toBe('document');
  });

  it('refuses duplicate keys, several documents and an empty text', () => {
    expect(rejection('version: 1\nversion: 1\n').message).toMatch(/line 2, column 1: Map keys must be unique/);
    expect(rejection('version: 1\n---\nversion: 1\n').message).toMatch(/multiple documents/);
    expect(rejection('# nothing\n')).toMatchObject({ message: 'Invalid config document: the document is empty', param: 'document' });
  });

  it('names the path of every shape error (zod issue paths)', () => {
    const r = rejection(`version: 1
sources:
  - name: a
    instances: [{ url: "http://a/v1", weight: "heavy" }]
routes:
  - name: r0
    match: { models: [m] }
    targets: [{ source: a }]
  - name: r1
    match: { models: [m] }
    targets: [{ source: a }]
  - name: r2
    match: { models: [m] }
    targets: [{ source: 3 }]
    colour: blue
`);
    expect(r.status).toBe(400);
    expect(r.param).toBe('sources.0.instances.0.weight');
    expect(r.message).toContain('sources.0.instances.0.weight: ');
    expect(r.message).toContain('routes.2.targets.0.source: ');
    expect(r.message).toContain('routes.2: Unrecognized key: "colour"');
  });

  it('requires version 1', () => {
    expect(rejection('sources: []\n')).toMatchObject({ param: 'version' });
    expect(rejection('version: 2\n')).toMatchObject({ param: 'version' });
  });

  it('checks what the admin API checks: header names, unique names, a match, no gateway paths', () => {
    const r = rejection(`version: 1
sources:
  - name: a
    instances: [{ url: "http://a/v1", headers: { "bad header": x } }]
  - name: a
    instances: [{ url: "http://b/v1" }]
routes:
  - name: r
    match: {}
    targets: [{ source: a }]
  - name: p
    match: { paths: [/embed/text, /v1/chat/completions] }
    targets: [{ source: a }]
`);
    expect(r.message).toContain('sources.0.instances.0.headers.bad header: not a valid header name');
    expect(r.message).toContain('sources.1.name: "a" is named twice (also sources.0.name)');
    expect(r.message).toContain('routes.0.match: match needs at least one model or path');
    expect(r.message).toContain("routes.1.match.paths.1: /v1/chat/completions is one of the gateway's own paths");
  });

  it('names a missing environment variable (and its place), never a value', () => {
    const r = rejection(YAML.replace('ENV:OPENAI_API_KEY', 'ENV:NOT_SET_ANYWHERE'));
    expect(r).toEqual({
      status: 400,
      code: 'invalid_request',
      param: 'sources.0.instances.0.api_key',
      message: "Cannot resolve ENV references: sources.0.instances.0.api_key: environment variable NOT_SET_ANYWHERE is not set in the gateway's environment",
    });
  });

  it("puts a provider's refusal at the source's path", () => {
    const r = rejection(`version: 1
sources:
  - name: azure
    provider: azure-openai
    instances: [{ url: "https://x.openai.azure.com/openai" }]
`);
    expect(r).toMatchObject({ param: 'sources.0.api_version', message: 'Invalid config document: sources.0.api_version: Azure OpenAI sources need api_version' });
  });
});

describe('parseConfigText', () => {
  it('expands anchors and aliases but refuses an alias bomb', () => {
    expect(parseConfigText('a: &x [1, 2]\nb: *x\n')).toEqual({ ok: true, value: { a: [1, 2], b: [1, 2] } });
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bomb = parseConfigText(levels.join('\n'));
    expect(bomb.ok).toBe(false);
  });
});
