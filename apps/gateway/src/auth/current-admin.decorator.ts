import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AdminPrincipal, AdminRequest } from './admin.guard.js';

/** The admin the AdminGuard authenticated. */
export const CurrentAdmin = createParamDecorator((_: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const admin = ctx.switchToHttp().getRequest<AdminRequest>().admin;
  if (!admin) throw new Error('CurrentAdmin used on a route without AdminGuard');
  return admin;
});
