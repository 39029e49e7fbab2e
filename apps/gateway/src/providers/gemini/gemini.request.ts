import type { ClientRequest, PreparedTarget, UpstreamCall } from '../adapter.js';
import { invalidParam, parseChatRequest, type ChatMessage, type ChatRequest, type ToolCall } from '../common/openai-wire.js';
import { withQuery } from '../common/paths.js';
import type { GeminiContent, GeminiPart, GeminiRequest } from './gemini.types.js';

const DATA_URL = /^data:([^;,]+)((?:;[^;,]+)*);base64,(.*)$/s;

/**
 * Gemini 3 refuses function-call history without the thought signature it issued; histories it did
 * not write may carry this documented placeholder instead (ai.google.dev/gemini-api/docs/thought-signatures).
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** `models/{model}` unless the name already is a resource path (`tunedModels/x`, `models/x`). */
export const modelResource = (model: string) => (model.includes('/') ? model : `models/${model}`);

function contentParts(content: ChatMessage['content'], param: string, allowImages: boolean): GeminiPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  return content.flatMap((part, i): GeminiPart[] => {
    const at = `${param}[${i}]`;
    if (part.type === 'text' && typeof part.text === 'string') return part.text === '' ? [] : [{ text: part.text }];
    if (part.type === 'refusal' && typeof part.refusal === 'string') return [{ text: part.refusal }];
    if (part.type === 'image_url' && allowImages) {
      const image = part.image_url as string | { url: string };
      const data = DATA_URL.exec(typeof image === 'string' ? image : image.url);
      if (!data) throw invalidParam(`${at}.image_url`, 'Gemini takes images inline here: send a base64 data: URL');
      return [{ inlineData: { mimeType: data[1] ?? '', data: data[3] ?? '' } }];
    }
    throw invalidParam(`${at}.type`, `content part type "${part.type}" is not supported for Gemini models here`);
  });
}

/** Gemini's functionResponse.response is an object: JSON objects go as they are, anything else as `{output}`. */
function functionResponse(content: ChatMessage['content'], param: string): Record<string, unknown> {
  const text = contentParts(content, param, false)
    .map((p) => p.text ?? '')
    .join('');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return { output: parsed };
  } catch {
    return { output: text };
  }
}

function functionCallPart(call: ToolCall, first: boolean, param: string): GeminiPart {
  let args: unknown = {};
  if (call.function.arguments.trim() !== '') {
    try {
      args = JSON.parse(call.function.arguments) as unknown;
    } catch {
      throw invalidParam(`${param}.function.arguments`, 'tool call arguments must be a JSON object');
    }
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw invalidParam(`${param}.function.arguments`, 'tool call arguments must be a JSON object');
  const part: GeminiPart = { functionCall: { name: call.function.name, args: args as Record<string, unknown> } };
  const signature = (call.extra_content as { google?: { thought_signature?: unknown } } | undefined)?.google?.thought_signature;
  if (typeof signature === 'string') part.thoughtSignature = signature;
  else if (first) part.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
  return part;
}

function pushContent(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

function generationConfigOf(body: ChatRequest): Record<string, unknown> | undefined {
  const config: Record<string, unknown> = {};
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') config.maxOutputTokens = maxTokens;
  if (typeof body.temperature === 'number') config.temperature = body.temperature;
  if (typeof body.top_p === 'number') config.topP = body.top_p;
  if (typeof body.top_k === 'number') config.topK = body.top_k;
  if (body.stop !== undefined && body.stop !== null) config.stopSequences = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (typeof body.n === 'number') config.candidateCount = body.n;
  if (typeof body.seed === 'number') config.seed = body.seed;
  if (typeof body.presence_penalty === 'number') config.presencePenalty = body.presence_penalty;
  if (typeof body.frequency_penalty === 'number') config.frequencyPenalty = body.frequency_penalty;
  const format = body.response_format;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    if (format.json_schema?.schema) config.responseJsonSchema = format.json_schema.schema;
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

function toolsOf(body: ChatRequest): GeminiRequest['tools'] {
  if (!body.tools || body.tools.length === 0) return undefined;
  const functionDeclarations = body.tools.map((tool, i) => {
    if (tool.type !== 'function' || !tool.function) throw invalidParam(`tools[${i}].type`, `tool type "${tool.type}" is not supported for Gemini models`);
    const { name, description, parameters } = tool.function;
    return { name, ...(description !== undefined ? { description } : {}), ...(parameters ? { parametersJsonSchema: parameters } : {}) };
  });
  return [{ functionDeclarations }];
}

function toolConfigOf(body: ChatRequest): GeminiRequest['toolConfig'] {
  const choice = body.tool_choice;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (choice && typeof choice === 'object') return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  return undefined;
}

/**
 * OpenAI chat -> Gemini generateContent: user/assistant turns -> `user`/`model` contents (merged
 * when a role repeats), system/developer -> `systemInstruction`, tool results -> `functionResponse`
 * parts named after the call they answer, sampling fields -> `generationConfig`, function tools ->
 * `functionDeclarations` with their JSON schema as is.
 */
export function toGeminiRequest(req: ClientRequest): GeminiRequest {
  const body = parseChatRequest(req.json);
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  const functionNameOfCall = new Map<string, string>();
  body.messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    switch (m.role) {
      case 'system':
      case 'developer': {
        const text = contentParts(m.content, `${at}.content`, false)
          .map((p) => p.text ?? '')
          .join('\n');
        if (text) system.push(text);
        return;
      }
      case 'user':
        pushContent(contents, 'user', contentParts(m.content, `${at}.content`, true));
        return;
      case 'assistant': {
        const parts = contentParts(m.content, `${at}.content`, false);
        (m.tool_calls ?? []).forEach((call, j) => {
          functionNameOfCall.set(call.id, call.function.name);
          parts.push(functionCallPart(call, j === 0, `${at}.tool_calls[${j}]`));
        });
        pushContent(contents, 'model', parts);
        return;
      }
      case 'tool': {
        const name = m.tool_call_id ? functionNameOfCall.get(m.tool_call_id) : undefined;
        if (!name) throw invalidParam(`${at}.tool_call_id`, 'a tool message must answer a tool call of an earlier assistant message');
        pushContent(contents, 'user', [{ functionResponse: { name, response: functionResponse(m.content, `${at}.content`) } }]);
        return;
      }
      default:
        throw invalidParam(`${at}.role`, `role "${m.role}" is not supported for Gemini models`);
    }
  });

  const out: GeminiRequest = { contents };
  if (system.length > 0) out.systemInstruction = { parts: [{ text: system.join('\n') }] };
  const generationConfig = generationConfigOf(body);
  if (generationConfig) out.generationConfig = generationConfig;
  const tools = toolsOf(body);
  if (tools) out.tools = tools;
  const toolConfig = toolConfigOf(body);
  if (toolConfig) out.toolConfig = toolConfig;
  return out;
}

export function geminiChatCall(req: ClientRequest, target: PreparedTarget): UpstreamCall {
  const base = `${target.basePath}/${modelResource(req.model)}`;
  const path = req.stream ? withQuery(`${base}:streamGenerateContent`, target.search, { alt: 'sse' }) : withQuery(`${base}:generateContent`, target.search);
  return { method: 'POST', path, headers: target.headers, body: JSON.stringify(toGeminiRequest(req)) };
}
