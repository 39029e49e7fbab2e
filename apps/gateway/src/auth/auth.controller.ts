import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { loginRequestSchema, logoutRequestSchema, refreshRequestSchema, type LoginRequest, type Me, type RefreshRequest, type TokenPair } from '@aigw/shared/admin/auth';
import { Audit } from '../audit/audit.decorator.js';
import { AdminApi } from './admin-api.decorator.js';
import type { AdminPrincipal } from './admin.guard.js';
import { AuthService } from './auth.service.js';
import { CurrentAdmin } from './current-admin.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Audit('auth.login', 'user')
  login(@Body({ schema: loginRequestSchema }) body: LoginRequest): Promise<TokenPair> {
    return this.auth.login(body.email, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@Body({ schema: refreshRequestSchema }) body: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(body.refresh_token);
  }

  @Post('logout')
  @HttpCode(204)
  @Audit('auth.logout', 'user')
  async logout(@Body({ schema: logoutRequestSchema }) body: RefreshRequest): Promise<void> {
    await this.auth.logout(body.refresh_token);
  }
}

@ApiTags('auth')
@AdminApi()
@Controller('api/admin/me')
export class MeController {
  @Get()
  me(@CurrentAdmin() admin: AdminPrincipal): Me {
    return { id: admin.userId, email: admin.email, role: admin.role };
  }
}
