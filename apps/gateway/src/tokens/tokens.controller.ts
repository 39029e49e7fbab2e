import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { countTokensSchema, type CountTokensParsed, type TokenCount } from '@aigw/shared/admin/tokens';
import { AdminOrApiKeyGuard } from './admin-or-api-key.guard.js';
import { TokensService } from './tokens.service.js';

@ApiTags('tokens')
@ApiBearerAuth()
@UseGuards(AdminOrApiKeyGuard)
@Controller('api/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** Prompt tokens of chat messages (with tools) or of an embeddings / completions input. */
  @Post('count')
  @HttpCode(200)
  count(@Body({ schema: countTokensSchema }) body: CountTokensParsed): TokenCount {
    return this.tokens.count(body);
  }
}
