import { GatewayError } from '@aigw/server-kit/gateway-error';
import type { ConfigDocument } from '@aigw/shared/admin/config';
import type { Capability } from '@aigw/shared/admin/sources';
import { validateDocument, type DocumentProblem } from './config-document.js';
import type { DesiredDocument } from './config-plan.js';
import { documentSyntaxError, invalidDocument, unresolvedEnvRefs } from './config-sync.errors.js';
import { parseConfigText } from './config-text.js';
import { describeEnvProblem, resolveEnvRefs, type EnvSource } from './env-refs.js';

export interface ReadOptions {
  /** Where `ENV:NAME` values come from. */
  env: EnvSource;
  /** What the env is called in messages ("the gateway's environment"). */
  envName?: string;
  /** A source's effective capabilities; throws a GatewayError (param relative to the source) when the provider cannot serve it. */
  capabilities: (source: ConfigDocument['sources'][number]) => Capability[];
}

/**
 * Document text (YAML or JSON) -> the desired sources and routes, or a 400 that says where the
 * problem is: syntax (line and column), an unresolvable `ENV:` reference (its name, never a value),
 * the shape (field paths such as `routes.2.targets.0.source`), or a provider that cannot do it.
 */
export function readConfigDocument(text: string, options: ReadOptions): DesiredDocument {
  const parsed = parseConfigText(text);
  if (!parsed.ok) throw documentSyntaxError(parsed.message);

  const { value, problems: envProblems } = resolveEnvRefs(parsed.value, options.env);
  if (envProblems.length) {
    const where = options.envName ?? "the gateway's environment";
    throw unresolvedEnvRefs(
      envProblems.map((p) => describeEnvProblem(p, where)),
      envProblems[0]!.path,
    );
  }

  const checked = validateDocument(value);
  if (!checked.ok) throw invalidDocument(checked.problems);

  const problems: DocumentProblem[] = [];
  const sources = checked.document.sources.map((source, i) => {
    try {
      return { ...source, capabilities: options.capabilities(source) };
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      problems.push({ path: `sources.${i}${err.param ? `.${err.param}` : ''}`, message: err.message });
      return { ...source, capabilities: [] };
    }
  });
  if (problems.length) throw invalidDocument(problems);
  return { sources, routes: checked.document.routes };
}
