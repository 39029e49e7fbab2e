import type { ClientRequest, PreparedTarget, UpstreamCall } from '../adapter.js';
import { invalidParam, parseChatRequest, type ChatMessage, type ChatRequest, type ContentPart, type ToolChoice } from '../common/openai-wire.js';
import { withQuery } from '../common/paths.js';
import type {
  AnthropicBlock,
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicRequest,
  AnthropicTextBlock,
  AnthropicToolChoice,
} from './anthropic.types.js';

/** Anthropic requires `max_tokens`; OpenAI clients often leave it out. */
export const DEFAULT_MAX_TOKENS = 4096;

const DATA_URL = /^data:([^;,]+)((?:;[^;,]+)*);base64,(.*)$/s;

/** An OpenAI image_url part -> an Anthropic image block (base64 for data: URLs, url for http(s)). */
function imageBlock(url: string, param: string): AnthropicImageBlock {
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1] ?? '', data: data[3] ?? '' } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw invalidParam(param, 'an image must be a base64 data: URL or an http(s) URL');
}

function textBlock(text: string, part?: { cache_control?: unknown }): AnthropicTextBlock {
  return part?.cache_control !== undefined ? { type: 'text', text, cache_control: part.cache_control } : { type: 'text', text };
}

/** Content parts -> Anthropic blocks: text and images; other part types are refused, never dropped. */
function partsToBlocks(content: ChatMessage['content'], param: string, allowImages: boolean): (AnthropicTextBlock | AnthropicImageBlock)[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content === '' ? [] : [textBlock(content)];
  return content.flatMap((part: ContentPart, i): (AnthropicTextBlock | AnthropicImageBlock)[] => {
    const at = `${param}[${i}]`;
    if (part.type === 'text' && typeof part.text === 'string') return part.text === '' ? [] : [textBlock(part.text, part as { cache_control?: unknown })];
    if (part.type === 'refusal' && typeof part.refusal === 'string') return [textBlock(part.refusal)];
    if (part.type === 'image_url' && allowImages) {
      const image = part.image_url as string | { url: string };
      return [imageBlock(typeof image === 'string' ? image : image.url, `${at}.image_url`)];
    }
    throw invalidParam(`${at}.type`, `content part type "${part.type}" is not supported for Anthropic models here`);
  });
}

function textOf(content: ChatMessage['content'], param: string): string {
  return partsToBlocks(content, param, false)
    .map((b) => (b as AnthropicTextBlock).text)
    .join('\n');
}

function parseArguments(args: string, param: string): unknown {
  if (args.trim() === '') return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    throw invalidParam(param, 'tool call arguments must be a JSON object');
  }
}

/** Appends a turn, merging it into the previous one when the role repeats (Anthropic wants alternation). */
function pushTurn(turns: { role: 'user' | 'assistant'; blocks: AnthropicBlock[] }[], role: 'user' | 'assistant', blocks: AnthropicBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.blocks.push(...blocks);
  else turns.push({ role, blocks });
}

/** A lone plain text block reads better as a string; anything richer stays a block list. */
function compact(blocks: AnthropicBlock[]): AnthropicMessageParam['content'] {
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'text' && only.cache_control === undefined) return only.text;
  return blocks;
}

function toolChoiceOf(choice: ToolChoice | null | undefined, parallel: boolean | null | undefined, hasTools: boolean): AnthropicToolChoice | undefined {
  let out: Exclude<AnthropicToolChoice, { type: 'none' }> | undefined;
  if (choice === 'auto') out = { type: 'auto' };
  else if (choice === 'none') return { type: 'none' };
  else if (choice === 'required') out = { type: 'any' };
  else if (choice && typeof choice === 'object') out = { type: 'tool', name: choice.function.name };
  if (parallel === false && hasTools) out = { ...(out ?? { type: 'auto' }), disable_parallel_tool_use: true };
  return out;
}

function toolsOf(body: ChatRequest): AnthropicRequest['tools'] {
  if (!body.tools || body.tools.length === 0) return undefined;
  return body.tools.map((tool, i) => {
    if (tool.type !== 'function' || !tool.function) throw invalidParam(`tools[${i}].type`, `tool type "${tool.type}" is not supported for Anthropic models`);
    const { name, description, parameters } = tool.function;
    return { name, ...(description !== undefined ? { description } : {}), input_schema: parameters ?? { type: 'object', properties: {} } };
  });
}

/**
 * OpenAI chat -> Anthropic Messages: system/developer messages hoisted into `system` (joined by
 * newlines); tool results become `tool_result` blocks of a user turn, assistant tool calls
 * `tool_use` blocks; same-role turns merge; `max_tokens` gets a default; temperature is clamped to
 * Anthropic's 0..1; `n` must be 1. Fields Anthropic has no equivalent for (response_format,
 * penalties, seed, logprobs) are not sent.
 */
export function toAnthropicRequest(req: ClientRequest): AnthropicRequest {
  const body = parseChatRequest(req.json);
  if (body.n !== undefined && body.n !== null && body.n !== 1) throw invalidParam('n', 'Anthropic models return one choice: n must be 1');

  const system: string[] = [];
  const turns: { role: 'user' | 'assistant'; blocks: AnthropicBlock[] }[] = [];
  body.messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    switch (m.role) {
      case 'system':
      case 'developer': {
        const text = textOf(m.content, `${at}.content`);
        if (text) system.push(text);
        return;
      }
      case 'user':
        pushTurn(turns, 'user', partsToBlocks(m.content, `${at}.content`, true));
        return;
      case 'assistant': {
        const blocks: AnthropicBlock[] = partsToBlocks(m.content, `${at}.content`, false);
        (m.tool_calls ?? []).forEach((call, j) => {
          blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments, `${at}.tool_calls[${j}].function.arguments`) });
        });
        pushTurn(turns, 'assistant', blocks);
        return;
      }
      case 'tool': {
        if (!m.tool_call_id) throw invalidParam(`${at}.tool_call_id`, 'a tool message needs the tool_call_id it answers');
        const content = partsToBlocks(m.content, `${at}.content`, true);
        const only = content[0];
        const result = content.length === 1 && only?.type === 'text' ? only.text : content.length === 0 ? '' : content;
        pushTurn(turns, 'user', [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: result }]);
        return;
      }
      default:
        throw invalidParam(`${at}.role`, `role "${m.role}" is not supported for Anthropic models`);
    }
  });

  const out: AnthropicRequest = {
    model: req.model,
    max_tokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS,
    messages: turns.map((t) => ({ role: t.role, content: compact(t.blocks) })),
  };
  if (system.length > 0) out.system = system.join('\n');
  if (body.stop !== undefined && body.stop !== null) out.stop_sequences = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (typeof body.temperature === 'number') out.temperature = Math.min(Math.max(body.temperature, 0), 1);
  if (typeof body.top_p === 'number') out.top_p = body.top_p;
  if (typeof body.top_k === 'number') out.top_k = body.top_k;
  const tools = toolsOf(body);
  if (tools) out.tools = tools;
  const toolChoice = toolChoiceOf(body.tool_choice, body.parallel_tool_calls, tools !== undefined);
  if (toolChoice) out.tool_choice = toolChoice;
  if (typeof body.user === 'string' && body.user !== '') out.metadata = { user_id: body.user };
  if (req.stream) out.stream = true;
  return out;
}

export function anthropicCall(req: ClientRequest, target: PreparedTarget): UpstreamCall {
  return { method: 'POST', path: withQuery(`${target.basePath}/messages`, target.search), headers: target.headers, body: JSON.stringify(toAnthropicRequest(req)) };
}
