import type { Operation } from '../providers/adapter.js';
import { countChatPrompt, countText, type TextInput } from '../tokens/count-prompt.js';
import type { IncomingRequest } from './prepare-attempt.js';

const isTextInput = (v: unknown): v is TextInput => typeof v === 'string' || Array.isArray(v);

/**
 * Prompt tokens before the upstream counts them: reserved against token limits before forwarding when
 * the limit store decides (near a limit; a leased share reserves by body size), and billed when the
 * upstream never reports (a stream cut short). The tokenizer's count for chat,
 * completions and embeddings; about 4 bytes a token for any other body (or a malformed one).
 */
export function estimateInputTokens(operation: Operation | 'path', incoming: IncomingRequest): number {
  const { json, model } = incoming;
  try {
    if (operation === 'chat' && Array.isArray(json.messages)) return countChatPrompt(model, json.messages, Array.isArray(json.tools) ? json.tools : undefined).tokens;
    if (operation === 'completions' && isTextInput(json.prompt)) return countText(model, json.prompt).tokens;
    if (operation === 'embeddings' && isTextInput(json.input)) return countText(model, json.input).tokens;
  } catch {
    // a shape the tokenizer refuses: the upstream will say what is wrong; reserve by size meanwhile
  }
  return Math.max(1, Math.ceil((incoming.raw?.length ?? 1024) / 4));
}
