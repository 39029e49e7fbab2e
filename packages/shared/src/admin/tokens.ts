import { z } from 'zod';

/** The BPE encodings the gateway counts with. */
export const TOKEN_ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type TokenEncoding = (typeof TOKEN_ENCODINGS)[number];

/** One chat message as OpenAI takes it; only what counting reads is checked, the rest is kept. */
const chatMessageSchema = z.looseObject({
  role: z.string().min(1, 'a message needs a role'),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() })), z.null()]).optional(),
  name: z.string().optional(),
});

const tokenIds = z.array(z.number().int().nonnegative());

/**
 * `POST /api/tokens/count`: a model and either chat `messages` (optionally with `tools`) or an
 * embeddings / completions `input` (string, strings, token ids, or arrays of token ids).
 * Other fields (a whole chat request, say) are ignored.
 */
export const countTokensSchema = z
  .object({
    model: z.string().trim().min(1, 'model is required'),
    messages: z.array(chatMessageSchema).min(1, 'messages must not be empty').optional(),
    tools: z.array(z.looseObject({})).optional(),
    input: z.union([z.string(), z.array(z.string()), tokenIds, z.array(tokenIds)], { error: 'input must be a string, an array of strings, token ids, or arrays of token ids' }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.messages === undefined && body.input === undefined) {
      ctx.addIssue({ code: 'custom', path: ['messages'], message: 'send either messages (chat) or input (text, strings or token ids)' });
    } else if (body.messages !== undefined && body.input !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['input'], message: 'send either messages or input, not both' });
    } else if (body.tools !== undefined && body.messages === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tools'], message: 'tools are counted with chat messages only' });
    }
  });
export type CountTokensRequest = z.input<typeof countTokensSchema>;
export type CountTokensParsed = z.output<typeof countTokensSchema>;

export interface TokenCount {
  model: string;
  tokens: number;
  /**
   * False only for an exact count: an OpenAI model whose encoding is known, counted with OpenAI's
   * documented chat framing, and nothing in the input that can only be estimated (images, tools).
   */
  estimated: boolean;
  /** The encoding the count was made with; for models of other families it is the estimate's. */
  encoding: TokenEncoding;
}
