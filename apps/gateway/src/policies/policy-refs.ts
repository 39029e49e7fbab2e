import { In, type EntityManager, type DataSource } from 'typeorm';
import { PolicyEntity } from './policy.entity.js';
import { unknownPolicy } from './policies.errors.js';

/** Every id names an existing policy; otherwise a 400 naming the offending entry. */
export async function assertPoliciesExist(db: DataSource | EntityManager, ids: readonly string[] | undefined, param = 'policy_ids'): Promise<void> {
  if (!ids?.length) return;
  const found = new Set((await db.getRepository(PolicyEntity).findBy({ id: In([...ids]) })).map((p) => p.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw unknownPolicy(`${param}.${missing}`, ids[missing]!);
}
