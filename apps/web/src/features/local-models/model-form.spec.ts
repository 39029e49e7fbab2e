import { describe, expect, it } from 'vitest';
import { emptyModelForm, modelBody, settingsBody, settingsForm } from './model-form';

const settings = {
  args: ['--dim', '8'],
  env: { A: '1' },
  gpus: 'auto' as const,
  gpu_count: 1,
  memory_mb: null,
  auto_start: false,
  restart: { policy: 'on-failure' as const, max_retries: 5 },
  readiness_path: '/health',
  readiness_timeout_s: 600,
  served_name: null,
  command: null,
  script: null,
  model_file: null,
};

describe('modelBody', () => {
  it('builds a hub model with its host, include patterns and served name', () => {
    const result = modelBody({ ...emptyModelForm('h1'), name: ' Tiny ', repo: 'acme/tiny', include: '*.json, *.safetensors', servedName: 'tiny' });
    expect(result).toEqual({
      ok: true,
      body: { host_id: 'h1', name: 'Tiny', runtime: 'reference', source: { type: 'hf', repo: 'acme/tiny', include: ['*.json', '*.safetensors'] }, settings: { served_name: 'tiny' } },
    });
  });

  it('says which fields are missing', () => {
    expect(modelBody({ ...emptyModelForm(''), sourceKind: 'url' })).toEqual({
      ok: false,
      errors: { hostId: 'Choose a host', name: 'Name is required', url: 'URL is required' },
    });
  });

  it('sends no source for a model without files', () => {
    expect(modelBody({ ...emptyModelForm('h1'), name: 'x', sourceKind: 'none' })).toEqual({ ok: true, body: { host_id: 'h1', name: 'x', runtime: 'reference' } });
  });
});

describe('settingsBody', () => {
  it('round-trips the stored settings', () => {
    expect(settingsBody(settingsForm(settings))).toEqual({
      ok: true,
      body: { served_name: null, args: ['--dim', '8'], env: { A: '1' }, gpus: 'auto', auto_start: false, restart: { policy: 'on-failure', max_retries: 5 }, readiness_path: '/health', readiness_timeout_s: 600 },
    });
  });

  it('reads GPU indexes and refuses what is not one', () => {
    const form = settingsForm(settings);
    expect(settingsBody({ ...form, gpus: '0, 2' })).toMatchObject({ ok: true, body: { gpus: [0, 2] } });
    expect(settingsBody({ ...form, gpus: '0, x', readinessTimeout: '0' })).toEqual({
      ok: false,
      errors: { gpus: 'Write "auto" or GPU indexes such as 0, 1', readinessTimeout: 'Seconds, at least 1' },
    });
  });
});
