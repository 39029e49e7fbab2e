import { z } from 'zod';
import { roleSchema, type Role } from './auth.js';

export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(1024);

export const createUserSchema = z.object({
  email: z.email().max(320),
  password: passwordSchema,
  role: roleSchema.default('viewer'),
});
export type CreateUserRequest = z.input<typeof createUserSchema>;
export type CreateUserParsed = z.output<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ role: roleSchema.optional(), password: passwordSchema.optional() })
  .refine((v) => v.role !== undefined || v.password !== undefined, 'give role or password');
export type UpdateUserRequest = z.input<typeof updateUserSchema>;
export type UpdateUserParsed = z.output<typeof updateUserSchema>;

export interface User {
  id: string;
  email: string;
  role: Role;
  created_at: string;
}
