/** `.env` text -> its variables. */
export function parseDotenv(text: string): Record<string, string>;
/** Seed 000's `.env` text -> the aigw config document (YAML). Throws naming every bad variable. */
export function envToConfigYaml(envText: string): string;
