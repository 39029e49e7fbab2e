// One lint setup for the whole monorepo, including the dependency boundaries of STYLE.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const otherApps = ['**/apps/**', '@aigw/gateway', '@aigw/gateway/*', '@aigw/web', '@aigw/web/*', '@aigw/model-host', '@aigw/model-host/*'];
const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Only config/ reads process.env; take values from the validated config.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/data/**', '**/test-output/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', processEnv],
    },
  },
  // NestJS resolves constructor injections from emitted type metadata: those imports must stay values.
  {
    files: ['apps/gateway/src/**/*.ts', 'apps/model-host/src/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // packages/shared imports no app.
  {
    files: ['packages/shared/**/*.ts', 'packages/server-kit/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: otherApps, message: 'packages/ must not import an app.' }] }] },
  },
  // No app imports another app.
  {
    files: ['apps/gateway/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/web/**', '**/apps/model-host/**', '@aigw/web*', '@aigw/model-host*'], message: 'An app never imports another app.' }] }] },
  },
  {
    files: ['apps/model-host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/web/**', '**/apps/gateway/**', '@aigw/web*', '@aigw/gateway*'], message: 'An app never imports another app.' }] }] },
  },
  // Provider adapters are pure: no Nest, database, store or transport.
  {
    files: ['apps/gateway/src/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'ioredis', 'undici', 'fastify'], message: 'providers/ are pure functions: no framework, database, store or network.' },
            { group: ['**/database/**', '**/store/**', '**/relay/**', '**/snapshot/**'], message: 'providers/ must not import database/, store/ or relay/.' },
          ],
        },
      ],
    },
  },
  // In model-host only system/ touches child processes, signals and the file system.
  {
    files: ['apps/model-host/src/**/*.ts'],
    ignores: ['apps/model-host/src/system/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:child_process', 'child_process', 'node:fs', 'node:fs/promises', 'fs', 'fs/promises'], message: 'Only system/ touches processes and files in model-host.' }],
        },
      ],
    },
  },
  // config/ is the only reader of the environment; tests, scripts and tooling may read it too.
  {
    files: ['apps/*/src/config/**/*.ts', 'packages/testkit/**/*.ts', 'scripts/**', '**/*.config.{ts,js}', 'apps/*/test/**/*.ts', 'apps/web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Web: the browser, and only lib/api-client.ts calls fetch.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: ['apps/web/src/lib/api-client.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-globals': ['error', { name: 'fetch', message: 'Call the API through lib/api-client.ts.' }] },
  },
  {
    files: ['apps/web/src/lib/api-client.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Test harnesses and tests deal in loosely typed HTTP bodies.
  {
    files: ['packages/testkit/**/*.ts', '**/test/**/*.ts', '**/*.spec.ts', '**/*.spec.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
