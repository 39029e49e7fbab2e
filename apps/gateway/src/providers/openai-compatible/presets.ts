// Vendors that speak OpenAI's wire, and the few quirks each one documents. A quirk is here only with
// a source; everything else passes through untouched and the vendor's own 4xx reaches the client.
import type { ProviderAdapter } from '../adapter.js';
import { invalidParam } from '../common/openai-wire.js';
import { createOpenAiWireAdapter, type OpenAiWirePreset } from './openai-compatible.adapter.js';
import type { BodyQuirk } from './openai-compatible.request.js';

const isChat = (op: string) => op === 'chat';

/**
 * OpenAI's reasoning models (o1, o3, o4, gpt-5 and their -mini etc., fine-tunes included) reject the
 * deprecated `max_tokens` and want `max_completion_tokens`.
 * Source: API-CONTRACT.md ("newer OpenAI models reject it"); OpenAI's parameter table for o-series.
 */
export const OPENAI_REASONING_MODEL = /^(?:ft:)?(?:o1|o3|o4|gpt-5)(?:[-.:]|$)/;

export const openAiQuirk: BodyQuirk = (body, req) => {
  if (!isChat(req.operation) || body.max_tokens === undefined || !OPENAI_REASONING_MODEL.test(req.model)) return undefined;
  const { max_tokens, ...rest } = body;
  return { ...rest, max_completion_tokens: body.max_completion_tokens ?? max_tokens };
};

/**
 * Groq answers 400 when `n` is not 1 and when a message has `name` (console.groq.com/docs/openai,
 * "Currently Unsupported OpenAI Features"). `n > 1` is refused here with a message naming the vendor;
 * `messages[].name` (advisory in OpenAI's API) is dropped so multi-agent clients that set it work.
 */
export const groqQuirk: BodyQuirk = (body, req) => {
  if (!isChat(req.operation)) return undefined;
  if (typeof body.n === 'number' && body.n !== 1) throw invalidParam('n', 'Groq supports only n=1');
  if (!Array.isArray(body.messages) || !body.messages.some((m) => typeof m === 'object' && m !== null && 'name' in m)) return undefined;
  const messages = body.messages.map((m: unknown) => {
    if (typeof m !== 'object' || m === null || !('name' in m)) return m;
    const { name: _name, ...rest } = m as Record<string, unknown>;
    return rest;
  });
  return { ...body, messages };
};

/**
 * Mistral's API validates strictly: unknown fields are a 422 "Extra inputs are not permitted"
 * (mistralai/platform-docs-public#7; `user` refused: michelle-avery/openai-compatible-conversation#26).
 * It names some fields its own way (docs.mistral.ai/api): the seed is `random_seed`, the limit is
 * `max_tokens`, and a forced tool call is `tool_choice: "any"` (its validator: "Input should be
 * 'auto', 'none' or 'any'", kyaukyuai/gpt-all-star#670).
 */
export const mistralQuirk: BodyQuirk = (body, req) => {
  if (!isChat(req.operation)) return undefined;
  const needs = 'user' in body || 'seed' in body || 'max_completion_tokens' in body || body.tool_choice === 'required';
  if (!needs) return undefined;
  const { user: _user, seed, max_completion_tokens, ...rest } = body;
  const out: Record<string, unknown> = { ...rest };
  if (seed !== undefined && out.random_seed === undefined) out.random_seed = seed;
  if (max_completion_tokens !== undefined && out.max_tokens === undefined) out.max_tokens = max_completion_tokens;
  if (out.tool_choice === 'required') out.tool_choice = 'any';
  return out;
};

/**
 * DashScope (Aliyun Model Studio, compatible mode): Qwen3 models think by default and then refuse
 * non-streaming calls ("parameter.enable_thinking must be set to false for non-streaming calls", 400).
 * A non-streaming chat that did not choose gets `enable_thinking: false`, as New API does
 * (QuantumNous/new-api#1109); a client that sets it keeps its choice.
 */
export const dashScopeQuirk: BodyQuirk = (body, req) => {
  if (!isChat(req.operation) || req.stream || 'enable_thinking' in body) return undefined;
  return { ...body, enable_thinking: false };
};

export const OPENAI_WIRE_PRESETS = {
  openai: { kind: 'openai', quirk: openAiQuirk },
  deepseek: { kind: 'deepseek' },
  dashscope: { kind: 'dashscope', quirk: dashScopeQuirk },
  groq: { kind: 'groq', quirk: groqQuirk },
  together: { kind: 'together' },
  mistral: { kind: 'mistral', quirk: mistralQuirk },
  vllm: { kind: 'vllm' },
  ollama: { kind: 'ollama' }, // its OpenAI layer lives under /v1, so /v1/models answers
  localai: { kind: 'localai' },
  xinference: { kind: 'xinference' },
  gpustack: { kind: 'gpustack' },
  lmstudio: { kind: 'lmstudio' },
  // llama-server answers GET /health and GET /v1/health (tools/server/server.cpp), so the probe works
  // whether the instance URL is the server root or its /v1; /health also says 503 while loading.
  'llama-cpp': { kind: 'llama-cpp', healthPath: '/health' },
  'model-host': { kind: 'model-host' },
} as const satisfies Record<string, OpenAiWirePreset>;

export type OpenAiWireProvider = keyof typeof OPENAI_WIRE_PRESETS;

export const openAiWireAdapters = Object.fromEntries(
  Object.entries(OPENAI_WIRE_PRESETS).map(([name, preset]) => [name, createOpenAiWireAdapter(preset)]),
) as Record<OpenAiWireProvider, ProviderAdapter>;
