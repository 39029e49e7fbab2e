import type { DataSource, EntityManager } from 'typeorm';
import { NamespaceEntity } from './namespace.entity.js';
import { unknownNamespace } from './namespaces.errors.js';

/** A namespace id given by an admin names an existing namespace; otherwise a 400 on `param`. */
export async function assertNamespaceExists(db: DataSource | EntityManager, id: string | null | undefined, param = 'namespace_id'): Promise<void> {
  if (!id) return;
  if (!(await db.getRepository(NamespaceEntity).existsBy({ id }))) throw unknownNamespace(param, id);
}
