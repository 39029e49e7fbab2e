import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envToConfigYaml, parseDotenv } from '../../../../deployment/examples/seed-000-from-env.mjs';
import { planConfig } from './config-plan.js';
import { readConfigDocument } from './config-reader.js';

const example = (name: string) => readFileSync(new URL(`../../../../deployment/examples/${name}`, import.meta.url), 'utf8');
/** Every ENV: reference resolves (to a placeholder); capabilities as written, else chat. */
const read = (text: string) => readConfigDocument(text, { env: { get: (n) => `test-${n}` }, capabilities: (s) => s.capabilities ?? ['chat'] });

describe('seed-000-from-env.mjs', () => {
  it('reads .env syntax: comments, quotes, export', () => {
    expect(parseDotenv('# c\nA=1  # note\nexport B="x # y"\nC=\'z\'\n\nbad line\nD=a#b\n')).toEqual({ A: '1', B: 'x # y', C: 'z', D: 'a#b' });
  });

  it("reproduces the committed seed-000-gpu-gateway.yaml from seed 000's .env", () => {
    expect(envToConfigYaml(example('seed-000.env'))).toBe(example('seed-000-gpu-gateway.yaml'));
  });

  it("is seed 000's routing table: every task path, the defaults, the hosts and ports", () => {
    const doc = read(envToConfigYaml(example('seed-000.env')));
    const paths = Object.fromEntries(
      doc.routes.flatMap((r) => (r.match.paths ?? []).map((p) => [p, `${r.targets[0]!.source}${r.targets[0]!.path}`])),
    );
    expect(paths).toEqual({
      '/embed/image': 'siglip2/embed',
      '/embed/text': 'embed-bge/embed',
      '/embed/text/bge': 'embed-bge/embed',
      '/embed/text/qwen3-4b': 'embed-qwen3-4b/embed',
      '/embed/text/qwen3-8b': 'embed-qwen3-8b/embed',
      '/rerank/qwen3-4b': 'rerank-qwen3-4b/rerank',
      '/rerank/qwen3-8b': 'rerank-qwen3-8b/rerank',
      '/vlm/caption': 'vlm/caption',
      '/vlm/chat': 'vlm/chat',
      '/generate/image': 'zimage/generate',
      '/generate/3d': 'trellis/generate',
    });
    expect(doc.routes.find((r) => r.name === 'rerank-default')).toMatchObject({ match: { models: ['default-rerank'] }, targets: [{ source: 'rerank-qwen3-4b' }] });
    const urls = Object.fromEntries(doc.sources.map((s) => [s.name, s.instances[0]!.url]));
    expect(urls).toEqual({
      siglip2: 'http://192.168.0.100:6010',
      'embed-qwen3-4b': 'http://192.168.0.100:6011',
      'embed-bge': 'http://192.168.0.100:6012',
      'rerank-qwen3-4b': 'http://192.168.0.100:6013',
      zimage: 'http://192.168.0.100:6006',
      'embed-qwen3-8b': 'http://192.168.0.132:6014',
      'rerank-qwen3-8b': 'http://192.168.0.132:6015',
      vlm: 'http://localhost:6050',
      trellis: 'http://localhost:8000',
    });
  });

  it('follows DEFAULT_EMBED and DEFAULT_RERANK, and the hosts and ports', () => {
    const env = example('seed-000.env')
      .replace('DEFAULT_EMBED=embed_text_bge', 'DEFAULT_EMBED=embed_text_8b')
      .replace('DEFAULT_RERANK=rerank_4b', 'DEFAULT_RERANK="rerank_8b"')
      .replace('VLM_HOST=localhost', 'VLM_HOST=10.0.0.7');
    const doc = read(envToConfigYaml(env));
    expect(doc.routes.find((r) => r.name === 'embed-text')!.targets[0]!.source).toBe('embed-qwen3-8b');
    expect(doc.routes.find((r) => r.name === 'rerank-default')!.targets[0]).toMatchObject({ source: 'rerank-qwen3-8b', model: 'Qwen/Qwen3-Reranker-8B' });
    expect(doc.sources.find((s) => s.name === 'vlm')!.instances[0]!.url).toBe('http://10.0.0.7:6050');
  });

  it('names every missing or malformed variable', () => {
    const env = example('seed-000.env').replace(/^PORT_VLM=.*$/m, 'PORT_VLM=70000').replace(/^EMBED_SERVER_2=.*$/m, '').replace('DEFAULT_EMBED=embed_text_bge', 'DEFAULT_EMBED=clip');
    expect(() => envToConfigYaml(env)).toThrow('bad seed-000 .env: EMBED_SERVER_2 is not set; PORT_VLM must be a port (1-65535)');
    expect(() => envToConfigYaml(example('seed-000.env').replace('DEFAULT_EMBED=embed_text_bge', 'DEFAULT_EMBED=clip'))).toThrow(
      'DEFAULT_EMBED=clip names none of embed_text_bge, embed_text_8b, embed_text_4b',
    );
  });
});

describe('seed-002-models.yaml', () => {
  it('is a valid document whose every key comes from ENV:, creating a source per upstream and a route per model', () => {
    const text = example('seed-002-models.yaml');
    const doc = read(text);
    expect(doc.sources.map((s) => s.provider)).toEqual(
      expect.arrayContaining(['openai', 'deepseek', 'ollama', 'vllm', 'localai', 'lmstudio', 'groq', 'together', 'mistral', 'anthropic', 'gemini', 'llama-cpp']),
    );
    for (const s of doc.sources) for (const i of s.instances) if (i.api_key !== undefined) expect(i.api_key).toMatch(/^test-[A-Z_]+_API_KEY$/);
    expect(text).not.toMatch(/api_key: (?!ENV:)/);
    const plan = planConfig({ sources: [], routes: [] }, doc, { prune: false });
    expect(plan.changes.every((c) => c.action === 'create')).toBe(true);
    expect(doc.routes.find((r) => r.name === 'gpt-3.5-turbo')).toMatchObject({ match: { models: ['gpt-3.5-turbo'] }, targets: [{ source: 'openai', model: 'gpt-3.5-turbo' }] });
  });
});
