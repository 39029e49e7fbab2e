import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@aigw/server-kit/parse-env';
import { loadConfig } from './load-config.js';

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    const dataDir = path.resolve('./data');
    expect(loadConfig({})).toEqual({
      port: 5000,
      host: '0.0.0.0',
      dataDir,
      modelsDir: path.join(dataDir, 'models'),
      tokenFile: path.join(dataDir, 'model-host-token'),
      portRange: { low: 20000, high: 20999 },
      token: undefined,
      pythonBin: 'python3',
      hfEndpoint: 'https://huggingface.co',
      hfToken: undefined,
      maxConcurrentDownloads: 2,
      downloadStallTimeoutMs: 60_000,
      downloadRetries: 5,
      minFreeDiskBytes: 1024 * 1024 * 1024,
      stopGraceMs: 10_000,
      livenessIntervalMs: 10_000,
      restartBackoffMs: 1000,
      modelLogMaxBytes: 10 * 1024 * 1024,
      logLevel: 'info',
      childEnv: {},
      referenceWorker: expect.stringMatching(/\/apps\/model-host\/workers\/python\/server\.py$/),
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '5055',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/model-host',
      PORT_RANGE: ' 30000 - 30100 ',
      MODEL_HOST_TOKEN: 'a-long-enough-host-token',
      PYTHON_BIN: '/opt/venv/bin/python',
      HF_ENDPOINT: 'https://hf-mirror.example.com/',
      HF_TOKEN: 'hf_abc',
      MAX_CONCURRENT_DOWNLOADS: '16',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 5055,
      host: '127.0.0.1',
      dataDir: '/var/lib/model-host',
      modelsDir: '/var/lib/model-host/models',
      tokenFile: '/var/lib/model-host/model-host-token',
      portRange: { low: 30000, high: 30100 },
      token: 'a-long-enough-host-token',
      pythonBin: '/opt/venv/bin/python',
      hfEndpoint: 'https://hf-mirror.example.com',
      hfToken: 'hf_abc',
      maxConcurrentDownloads: 16,
      logLevel: 'debug',
    });
  });

  it('hands model processes the environment without the host secrets', () => {
    const config = loadConfig({ PATH: '/usr/bin', MODEL_HOST_TOKEN: 'a-long-enough-host-token', HF_TOKEN: 'hf_abc', HUGGING_FACE_HUB_TOKEN: 'hf_x', LANG: 'C.UTF-8' });
    expect(config.childEnv).toEqual({ PATH: '/usr/bin', LANG: 'C.UTF-8' });
    expect(Object.isFrozen(config.childEnv)).toBe(true);
  });

  it('returns a frozen config', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.portRange)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', MODEL_HOST_TOKEN: '  ', PORT_RANGE: '', HF_TOKEN: '' })).toMatchObject({
      port: 5000,
      token: undefined,
      portRange: { low: 20000, high: 20999 },
      hfToken: undefined,
    });
  });

  it('accepts a range of one port', () => {
    expect(loadConfig({ PORT_RANGE: '20000-20000' }).portRange).toEqual({ low: 20000, high: 20000 });
  });

  it.each([
    ['reversed', '20999-20000'],
    ['below 1024', '80-2000'],
    ['above 65535', '60000-70000'],
    ['one number', '20500'],
    ['not numbers', 'a-b'],
    ['three parts', '20000-20100-20200'],
    ['decimals', '20000.5-20100'],
    ['negative', '-1-2000'],
  ])('names PORT_RANGE when it is %s', (_case, value) => {
    const problems = problemsOf({ PORT_RANGE: value });
    expect(problems).toEqual([expect.stringMatching(/^PORT_RANGE must be two ports LOW-HIGH/)]);
    expect(problems[0]).not.toContain(value);
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['PORT', '50.5'],
    ['HF_ENDPOINT', 'not a url'],
    ['HF_ENDPOINT', 'ftp://mirror.example.com'],
    ['MAX_CONCURRENT_DOWNLOADS', '0'],
    ['MAX_CONCURRENT_DOWNLOADS', '17'],
    ['LOG_LEVEL', 'loud'],
    ['MODEL_HOST_TOKEN', 'short'],
    ['MODEL_HOST_TOKEN', 'has a space in the middle'],
  ])('names %s=%s in one problem, without its value', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
    expect(problems[0]).not.toContain(value);
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', PORT_RANGE: '9-8', MAX_CONCURRENT_DOWNLOADS: '99' }).map((p) => p.split(' ')[0])).toEqual([
      'PORT',
      'PORT_RANGE',
      'MAX_CONCURRENT_DOWNLOADS',
    ]);
  });
});
