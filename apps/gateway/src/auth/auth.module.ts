import { Global, Module } from '@nestjs/common';
import { FirstAdmin } from '../users/first-admin.js';
import { UsersController } from '../users/users.controller.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokens } from './access-tokens.js';
import { AdminGuard } from './admin.guard.js';
import { AuthController, MeController } from './auth.controller.js';
import { AuthService } from './auth.service.js';

/** Admin identity: users, logins, tokens, and the guard every admin controller uses. */
@Global()
@Module({
  controllers: [AuthController, MeController, UsersController],
  providers: [AccessTokens, AuthService, UsersService, AdminGuard, FirstAdmin],
  exports: [AdminGuard, AccessTokens, UsersService],
})
export class AuthModule {}
