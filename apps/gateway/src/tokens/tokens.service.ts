import { Injectable } from '@nestjs/common';
import type { CountTokensParsed, TokenCount } from '@aigw/shared/admin/tokens';
import { countChatPrompt, countText } from './count-prompt.js';

/** Seed 004's token service: counts for a model and chat messages or a text input. */
@Injectable()
export class TokensService {
  count(body: CountTokensParsed): TokenCount {
    const result = body.messages ? countChatPrompt(body.model, body.messages, body.tools) : countText(body.model, body.input!);
    return { model: body.model, tokens: result.tokens, estimated: result.estimated, encoding: result.encoding };
  }
}
