import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '@aigw/shared/admin/auth';
import type { ListQuery, ListResponse } from '@aigw/shared/admin/common';
import type { User } from '@aigw/shared/admin/users';
import { paginate } from '../common/paginate.js';
import { hashPassword } from '../crypto/password.js';
import { UserEntity } from './user.entity.js';
import { emailTaken, lastAdmin, userNotFound } from './users.errors.js';

export const toUser = (u: UserEntity): User => ({ id: u.id, email: u.email, role: u.role, created_at: u.createdAt.toISOString() });

@Injectable()
export class UsersService {
  constructor(private readonly db: DataSource) {}

  private get repo() {
    return this.db.getRepository(UserEntity);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  async create(input: { email: string; password: string; role: Role }): Promise<User> {
    if (await this.findByEmail(input.email)) throw emailTaken();
    const user = this.repo.create({ id: randomUUID(), email: input.email.toLowerCase(), passwordHash: await hashPassword(input.password), role: input.role });
    try {
      await this.repo.insert(user);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw emailTaken();
      throw err;
    }
    return toUser((await this.findById(user.id))!);
  }

  async list(query: ListQuery): Promise<ListResponse<User>> {
    const { rows, hasMore } = await paginate(this.repo.createQueryBuilder('t'), 'users', query);
    return { data: rows.map(toUser), has_more: hasMore };
  }

  async get(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw userNotFound(id);
    return toUser(user);
  }

  async update(id: string, input: { role?: Role; password?: string }): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw userNotFound(id);
    if (input.role === 'viewer' && user.role === 'admin') await this.assertAnotherAdmin(id);
    await this.repo.update(
      { id },
      { ...(input.role ? { role: input.role } : {}), ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}) },
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const user = await this.findById(id);
    if (!user) throw userNotFound(id);
    if (user.role === 'admin') await this.assertAnotherAdmin(id);
    await this.repo.delete({ id });
  }

  private async assertAnotherAdmin(id: string): Promise<void> {
    const others = await this.repo.createQueryBuilder('u').where("u.role = 'admin' AND u.id <> :id", { id }).getCount();
    if (others === 0) throw lastAdmin();
  }
}
