import { describe, expect, it } from 'vitest';
import { localModelSettingsSchema, type LocalModelSettingsInput, type LocalRuntime } from '@aigw/shared/admin/local-models';
import { buildLaunch, LaunchError, pickGgufFile, settingsProblems, type LaunchInput } from './presets.js';

const input = (runtime: LocalRuntime, settings: LocalModelSettingsInput = {}, extra: Partial<LaunchInput> = {}): LaunchInput => ({
  runtime,
  settings: localModelSettingsSchema.parse(settings),
  modelId: 'm1',
  modelPath: '/data/models/m1/files',
  servedName: 'chat',
  port: 20005,
  gpus: [1],
  cudaVisibleDevices: '1',
  pythonBin: '/venv/bin/python',
  referenceWorker: '/app/workers/python/server.py',
  modelFiles: [],
  baseEnv: { PATH: '/usr/bin', CUDA_VISIBLE_DEVICES: '0,1,2,3' },
  ...extra,
});

describe('runtime presets', () => {
  it.each<[LocalRuntime, LocalModelSettingsInput, Partial<LaunchInput>, string[]]>([
    [
      'reference',
      {},
      {},
      ['/venv/bin/python', '/app/workers/python/server.py', '--host', '127.0.0.1', '--port', '20005', '--model-dir', '/data/models/m1/files', '--served-name', 'chat'],
    ],
    [
      'vllm',
      {},
      {},
      ['/venv/bin/python', '-m', 'vllm.entrypoints.openai.api_server', '--model', '/data/models/m1/files', '--host', '127.0.0.1', '--port', '20005', '--served-model-name', 'chat'],
    ],
    [
      'llama-cpp',
      {},
      { modelFiles: ['README.md', 'mmproj-f16.gguf', 'qwen-q4_k_m.gguf'] },
      ['llama-server', '-m', '/data/models/m1/files/qwen-q4_k_m.gguf', '--host', '127.0.0.1', '--port', '20005', '--alias', 'chat'],
    ],
    ['tei', {}, {}, ['text-embeddings-router', '--model-id', '/data/models/m1/files', '--hostname', '127.0.0.1', '--port', '20005']],
    [
      'sglang',
      {},
      {},
      ['/venv/bin/python', '-m', 'sglang.launch_server', '--model-path', '/data/models/m1/files', '--host', '127.0.0.1', '--port', '20005', '--served-model-name', 'chat'],
    ],
    [
      'python',
      { script: 'app/serve.py' },
      {},
      ['/venv/bin/python', '/data/models/m1/files/app/serve.py', '--host', '127.0.0.1', '--port', '20005', '--model-dir', '/data/models/m1/files', '--served-name', 'chat'],
    ],
    ['custom', { command: ['/opt/srv', '--listen', '{host}:{port}', '--weights={model_path}', '--devices', '{gpus}'] }, {}, ['/opt/srv', '--listen', '127.0.0.1:20005', '--weights=/data/models/m1/files', '--devices', '1']],
  ])('%s -> argv', (runtime, settings, extra, argv) => {
    expect(buildLaunch(input(runtime, settings, extra)).argv).toEqual(argv);
  });

  it('appends the extra args with placeholders substituted', () => {
    const { argv } = buildLaunch(input('vllm', { args: ['--max-model-len', '4096', '--download-dir={model_path}/cache'] }));
    expect(argv.slice(-3)).toEqual(['--max-model-len', '4096', '--download-dir=/data/models/m1/files/cache']);
  });

  it('adds tensor parallelism for several GPUs unless the args set it', () => {
    expect(buildLaunch(input('vllm', {}, { gpus: [0, 1], cudaVisibleDevices: '0,1' })).argv.slice(-2)).toEqual(['--tensor-parallel-size', '2']);
    expect(buildLaunch(input('sglang', {}, { gpus: [0, 1, 2, 3], cudaVisibleDevices: '0,1,2,3' })).argv.slice(-2)).toEqual(['--tp-size', '4']);
    const own = buildLaunch(input('vllm', { args: ['--tensor-parallel-size', '1'] }, { gpus: [0, 1], cudaVisibleDevices: '0,1' })).argv;
    expect(own.filter((a) => a === '--tensor-parallel-size')).toHaveLength(1);
  });

  it('sets CUDA_VISIBLE_DEVICES from the assignment, replacing the inherited one', () => {
    const { env, cwd } = buildLaunch(input('reference', { env: { HF_HOME: '{model_path}/.hf', TAG: 'x' } }));
    expect(env).toEqual({
      PATH: '/usr/bin',
      CUDA_VISIBLE_DEVICES: '1',
      PORT: '20005',
      HOST: '127.0.0.1',
      MODEL_PATH: '/data/models/m1/files',
      SERVED_NAME: 'chat',
      PYTHONUNBUFFERED: '1',
      HF_HOME: '/data/models/m1/files/.hf',
      TAG: 'x',
    });
    expect(cwd).toBe('/data/models/m1/files');
  });

  it('leaves CUDA_VISIBLE_DEVICES unset on a CPU-only host, and empty to hide every GPU', () => {
    expect(buildLaunch(input('reference', {}, { gpus: [], cudaVisibleDevices: null })).env).not.toHaveProperty('CUDA_VISIBLE_DEVICES');
    expect(buildLaunch(input('reference', {}, { gpus: [], cudaVisibleDevices: '' })).env.CUDA_VISIBLE_DEVICES).toBe('');
  });

  it('does not re-substitute literal paths that contain braces', () => {
    const argv = buildLaunch(input('reference', {}, { referenceWorker: '/opt/{weird}/server.py' })).argv;
    expect(argv[1]).toBe('/opt/{weird}/server.py');
  });

  it('refuses what cannot be launched', () => {
    expect(() => buildLaunch(input('llama-cpp', {}, { modelFiles: ['config.json'] }))).toThrow(LaunchError);
    expect(() => buildLaunch(input('custom'))).toThrow(/needs settings.command/);
    expect(() => buildLaunch(input('reference', { args: ['{nope}'] }))).toThrow(/unknown placeholder \{nope\}/);
  });

  it('picks the gguf file: the named one, else the first that is not a projector', () => {
    expect(pickGgufFile(['b.gguf', 'a.GGUF', 'mmproj.gguf'], null)).toBe('a.GGUF');
    expect(pickGgufFile(['mmproj-model.gguf'], null)).toBe('mmproj-model.gguf');
    expect(pickGgufFile(['a.gguf'], 'sub/b.gguf')).toBe('sub/b.gguf');
    expect(pickGgufFile([], null)).toBeUndefined();
  });
});

describe('settings problems', () => {
  const problems = (runtime: LocalRuntime, settings: LocalModelSettingsInput) => settingsProblems(runtime, localModelSettingsSchema.parse(settings));

  it('accepts good settings', () => {
    expect(problems('reference', { args: ['--dim', '{port}'] })).toEqual([]);
    expect(problems('custom', { command: ['/bin/x', '{port}'] })).toEqual([]);
  });

  it('names each problem by field', () => {
    expect(problems('custom', {})).toEqual([['settings.command', expect.stringContaining('needs settings.command')]]);
    expect(problems('reference', { args: ['ok', '{bad}'], env: { A: '{worse}' } })).toEqual([
      ['settings.args.1', 'unknown placeholder {bad}'],
      ['settings.env.A', 'unknown placeholder {worse}'],
    ]);
    expect(problems('python', { script: '../x.py' })).toEqual([['settings.script', 'must be a relative path inside the model directory']]);
    expect(problems('llama-cpp', { model_file: '/etc/passwd' })).toEqual([['settings.model_file', 'must be a relative path inside the model directory']]);
  });
});
