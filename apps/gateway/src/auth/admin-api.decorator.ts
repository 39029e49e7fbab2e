import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AdminGuard } from './admin.guard.js';

/** Marks a controller as part of the admin API: JWT required, writes need the admin role. */
export const AdminApi = () => applyDecorators(UseGuards(AdminGuard), ApiBearerAuth());
