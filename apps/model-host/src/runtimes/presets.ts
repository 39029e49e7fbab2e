import path from 'node:path';
import type { LocalModelSettings, LocalRuntime } from '@aigw/shared/admin/local-models';
import { isSafeRelativePath } from '../catalog/safe-path.js';
import { PlaceholderError, substitute, unknownPlaceholders, type PlaceholderValues } from './placeholders.js';

/** Model processes listen on loopback only: they are reached through the host's proxy, behind its token. */
export const MODEL_PROCESS_HOST = '127.0.0.1';

/** Everything a launch depends on; `buildLaunch` is pure, so every runtime's command line is unit-tested. */
export interface LaunchInput {
  runtime: LocalRuntime;
  settings: LocalModelSettings;
  modelId: string;
  /** `{model_path}`: the model's directory. */
  modelPath: string;
  servedName: string;
  port: number;
  /** GPU indexes assigned; [] runs on the CPU. */
  gpus: readonly number[];
  /** CUDA_VISIBLE_DEVICES to set; null: leave it unset (CPU-only host). */
  cudaVisibleDevices: string | null;
  pythonBin: string;
  referenceWorker: string;
  /** Files in the model directory, relative (llama.cpp looks for its .gguf here). */
  modelFiles: readonly string[];
  /** The environment the process starts from (the host's, less its secrets). */
  baseEnv: Readonly<Record<string, string>>;
}

export interface LaunchSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

export class LaunchError extends Error {}

/** The argv template of each runtime preset, before the user's extra args. */
function presetArgv(input: LaunchInput, modelFile: string | undefined): string[] {
  const { settings } = input;
  const tp = input.gpus.length > 1 && !settings.args.some((a) => /^--(tensor-parallel-size|tp-size|tp)\b/.test(a));
  switch (input.runtime) {
    case 'reference':
      return ['{python}', input.referenceWorker, '--host', '{host}', '--port', '{port}', '--model-dir', '{model_path}', '--served-name', '{served_name}'];
    case 'vllm':
      return [
        '{python}', '-m', 'vllm.entrypoints.openai.api_server', '--model', '{model_path}', '--host', '{host}', '--port', '{port}', '--served-model-name', '{served_name}',
        ...(tp ? ['--tensor-parallel-size', String(input.gpus.length)] : []),
      ];
    case 'llama-cpp':
      if (!modelFile) throw new LaunchError('no .gguf file in the model directory; download one or set settings.model_file');
      return ['llama-server', '-m', modelFile, '--host', '{host}', '--port', '{port}', '--alias', '{served_name}'];
    case 'tei':
      return ['text-embeddings-router', '--model-id', '{model_path}', '--hostname', '{host}', '--port', '{port}'];
    case 'sglang':
      return [
        '{python}', '-m', 'sglang.launch_server', '--model-path', '{model_path}', '--host', '{host}', '--port', '{port}', '--served-model-name', '{served_name}',
        ...(tp ? ['--tp-size', String(input.gpus.length)] : []),
      ];
    case 'python': {
      const script = settings.script ?? 'server.py';
      return ['{python}', path.join(input.modelPath, script), '--host', '{host}', '--port', '{port}', '--model-dir', '{model_path}', '--served-name', '{served_name}'];
    }
    case 'custom':
      if (!settings.command?.length) throw new LaunchError('runtime "custom" needs settings.command, e.g. ["/opt/server", "--port", "{port}"]');
      return [...settings.command];
  }
}

/** The .gguf llama.cpp loads: the one named in settings, else the first (a multimodal projector only when nothing else). */
export function pickGgufFile(files: readonly string[], named: string | null): string | undefined {
  if (named) return named;
  const ggufs = files.filter((f) => f.toLowerCase().endsWith('.gguf')).sort();
  return ggufs.find((f) => !/mmproj/i.test(path.basename(f))) ?? ggufs[0];
}

/**
 * A runtime preset + settings -> argv and env, placeholders substituted. Template parts come from
 * the preset and the user; literal paths (the worker script, the model file) are never re-substituted.
 */
export function buildLaunch(input: LaunchInput): LaunchSpec {
  const file = pickGgufFile(input.modelFiles, input.settings.model_file);
  const modelFile = file === undefined ? undefined : path.join(input.modelPath, file);
  const values: PlaceholderValues = {
    model_path: input.modelPath,
    model_file: modelFile ?? '',
    model_id: input.modelId,
    port: String(input.port),
    host: MODEL_PROCESS_HOST,
    gpus: input.gpus.join(','),
    served_name: input.servedName,
    python: input.pythonBin,
  };
  const literal = new Set([input.referenceWorker, modelFile, input.runtime === 'python' ? path.join(input.modelPath, input.settings.script ?? 'server.py') : undefined]);
  const fill = (template: string) => {
    try {
      return substitute(template, values);
    } catch (err) {
      if (err instanceof PlaceholderError) throw new LaunchError(err.message);
      throw err;
    }
  };
  const argv = [...presetArgv(input, modelFile).map((part) => (literal.has(part) ? part : fill(part))), ...input.settings.args.map(fill)];

  const env: Record<string, string> = { ...input.baseEnv };
  delete env.CUDA_VISIBLE_DEVICES;
  if (input.cudaVisibleDevices !== null) env.CUDA_VISIBLE_DEVICES = input.cudaVisibleDevices;
  Object.assign(env, {
    PORT: values.port,
    HOST: MODEL_PROCESS_HOST,
    MODEL_PATH: input.modelPath,
    SERVED_NAME: input.servedName,
    PYTHONUNBUFFERED: '1',
  });
  for (const [name, template] of Object.entries(input.settings.env)) env[name] = fill(template);
  return { argv, env, cwd: input.modelPath };
}

/** Problems with a model's settings for its runtime, as [field, message] (none: good). Checked on create and on every edit. */
export function settingsProblems(runtime: LocalRuntime, settings: LocalModelSettings): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const check = (field: string, template: string) => {
    const unknown = unknownPlaceholders(template);
    if (unknown.length) problems.push([field, `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}`]);
  };
  settings.args.forEach((a, i) => check(`settings.args.${i}`, a));
  for (const [name, value] of Object.entries(settings.env)) check(`settings.env.${name}`, value);
  settings.command?.forEach((a, i) => check(`settings.command.${i}`, a));
  if (runtime === 'custom' && !settings.command?.length) problems.push(['settings.command', 'runtime "custom" needs settings.command, e.g. ["/opt/server", "--port", "{port}"]']);
  for (const [field, value] of [['settings.script', settings.script], ['settings.model_file', settings.model_file]] as const) {
    if (value !== null && !isSafeRelativePath(value)) problems.push([field, 'must be a relative path inside the model directory']);
  }
  return problems;
}

