// The parts of OpenAI's chat wire the translating adapters read and write. The relay checks only
// `model` and `messages`; everything an adapter reads beyond that is validated here, so a malformed
// request is a 400 naming the field, never a crash.
import { z } from 'zod';
import { GatewayError } from '@aigw/server-kit/gateway-error';

const textPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.union([z.string(), z.looseObject({ url: z.string(), detail: z.string().optional() })]),
});
const otherPartSchema = z.looseObject({ type: z.string() });
const contentPartSchema = z.union([textPartSchema, imagePartSchema, otherPartSchema]);

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const messageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(contentPartSchema)]).nullish(),
  name: z.string().optional(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_call_id: z.string().optional(),
});

const functionToolSchema = z.looseObject({
  type: z.string(),
  function: z
    .looseObject({
      name: z.string(),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

const responseFormatSchema = z.looseObject({
  type: z.enum(['text', 'json_object', 'json_schema']),
  json_schema: z.looseObject({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional() }).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().int().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  n: z.number().int().nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().nullish(),
  frequency_penalty: z.number().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(functionToolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormatSchema.nullish(),
  user: z.string().nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = ChatRequest['messages'][number];
export type ContentPart = z.infer<typeof contentPartSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;
export type FunctionTool = z.infer<typeof functionToolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

/** `messages[2].content` from zod's path. */
function paramOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** The client's chat body, validated as far as a translating adapter reads it. */
export function parseChatRequest(json: Record<string, unknown>): ChatRequest {
  const result = chatRequestSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue ? paramOf(issue.path) : null;
  throw new GatewayError('invalid_request', `${param ?? 'body'}: ${issue?.message ?? 'invalid request'}`, { param });
}

export const invalidParam = (param: string, message: string) => new GatewayError('invalid_request', `${param}: ${message}`, { param });

/** Whether the client asked for the usage chunk at the end of a stream. */
export const wantsStreamUsage = (json: Record<string, unknown>): boolean => {
  const options = json.stream_options;
  return typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
};

// ---- what we answer ----

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface ResponseToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
  /** Provider data a client must send back unchanged (Gemini's thought signature). */
  extra_content?: Record<string, unknown>;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null; tool_calls?: ResponseToolCall[] };
    logprobs: null;
    finish_reason: FinishReason | null;
  }[];
  usage?: Usage;
}

export interface ChunkToolCall {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
  extra_content?: Record<string, unknown>;
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string;
  tool_calls?: ChunkToolCall[];
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: { index: number; delta: ChunkDelta; logprobs: null; finish_reason: FinishReason | null }[];
  usage?: Usage | null;
}

export interface EmbeddingList {
  object: 'list';
  data: { object: 'embedding'; embedding: number[] | string; index: number }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}
