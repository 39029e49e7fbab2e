/**
 * The environment of the command-line tools (src/cli/): config/ is the only reader of process.env,
 * so they take it from here.
 */
export function cliEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
