import { configDocumentSchema, type ConfigDocument } from '@aigw/shared/admin/config';
import { createSourceSchema } from '@aigw/shared/admin/sources';
import type { z } from 'zod';
import { isReservedPath } from '../routes/reserved-paths.js';

export interface DocumentProblem {
  /** The field, e.g. `routes.2.targets.0.source`; empty for the whole document. */
  path: string;
  message: string;
}

const pathOf = (path: readonly PropertyKey[]) => path.map((p) => String(p)).join('.');

/** zod's issues with their paths; a bad record key says what is wrong with it, not just "Invalid key". */
function issuesOf(error: z.ZodError, prefix: string[] = []): DocumentProblem[] {
  return error.issues.map((issue) => ({
    path: pathOf([...prefix, ...issue.path]),
    message: issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message,
  }));
}

/**
 * The plain value (parsed text with `ENV:` references resolved) -> a ConfigDocument, or every problem
 * with its path: the shape (configDocumentSchema), the same per-source rules as the sources API
 * (header names, URL length, ...), unique names, matches that match something, no gateway paths.
 */
export function validateDocument(value: unknown): { ok: true; document: ConfigDocument } | { ok: false; problems: DocumentProblem[] } {
  if (value === null || value === undefined) return { ok: false, problems: [{ path: '', message: 'the document is empty' }] };
  const parsed = configDocumentSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: issuesOf(parsed.error) };
  const document = parsed.data;
  const problems: DocumentProblem[] = [];

  const seen = (kind: 'sources' | 'routes', names: string[]) => {
    const first = new Map<string, number>();
    names.forEach((name, i) => {
      const earlier = first.get(name);
      if (earlier === undefined) first.set(name, i);
      else problems.push({ path: `${kind}.${i}.name`, message: `"${name}" is named twice (also ${kind}.${earlier}.name)` });
    });
  };
  seen('sources', document.sources.map((s) => s.name));
  seen('routes', document.routes.map((r) => r.name));

  document.sources.forEach((source, i) => {
    const checked = createSourceSchema.safeParse(source);
    if (!checked.success) problems.push(...issuesOf(checked.error, ['sources', String(i)]));
  });

  document.routes.forEach((route, i) => {
    if ((route.match.models?.length ?? 0) + (route.match.paths?.length ?? 0) === 0) {
      problems.push({ path: `routes.${i}.match`, message: 'match needs at least one model or path' });
    }
    (route.match.paths ?? []).forEach((p, j) => {
      if (isReservedPath(p)) problems.push({ path: `routes.${i}.match.paths.${j}`, message: `${p} is one of the gateway's own paths and cannot be a route path` });
    });
  });

  return problems.length ? { ok: false, problems } : { ok: true, document };
}

