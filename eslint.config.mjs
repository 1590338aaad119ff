// @ts-check
import { defineConfig, globalIgnores } from 'eslint/config';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

/**
 * Layer boundaries. Each entry is an import that some folders may not use; every pattern is gitignore-style and
 * covers both the `@/` alias and relative paths (`**` matches any run of `../`).
 */
const forbidden = {
  kindModules: {
    group: ['@/lib/intake/*/**', '**/intake/*/**'],
    message:
      'Layer rule: lib/db stores and reads; a kind of request (lib/intake/<kind>/) records itself through it, never the other way round.',
  },
  mailComposition: {
    group: ['@/lib/mail/compose', '**/mail/compose'],
    message: 'Layer rule: lib/db stores and reads; e-mails are written by the kinds of request (lib/intake/<kind>/e-mails.ts).',
  },
  intakeFromMail: {
    group: ['@/lib/intake', '@/lib/intake/**', '**/lib/intake', '**/lib/intake/**'],
    message: 'Layer rule: lib/mail is the outbox, the worker, composition and transport; it knows nothing of the kinds of request.',
  },
  dbFromComponents: {
    group: ['@/lib/db', '@/lib/db/*', '**/lib/db', '**/lib/db/*'],
    message: 'Layer rule: components may run in the browser and never touch lib/db. Load data in a page or action; pass props.',
  },
  dbFromValidation: {
    group: ['@/lib/db', '@/lib/db/*', '**/lib/db', '**/lib/db/*', '../db', '../db/*'],
    message: 'Layer rule: lib/validation is pure and runs in the browser too; it must not touch the database.',
  },
  env: {
    group: ['@/lib/env', '**/lib/env', '../env'],
    message: 'Layer rule: lib/validation is pure and runs in the browser too; it never reads lib/env. Take values as arguments.',
  },
  registry: {
    group: ['@/lib/intake/kinds', '**/intake/kinds'],
    message: 'Layer rule: the registry of kinds loads their server side; browser code gets what it needs from it as props from its page.',
  },
  staff: {
    group: ['@/lib/staff', '@/lib/staff/*', '**/lib/staff', '**/lib/staff/*'],
    message: 'Layer rule: public routes never import staff-workspace code (lib/staff). Move shared code to a lib/ module.',
  },
  auth: {
    group: ['@/lib/auth', '@/lib/auth/*', '**/lib/auth', '**/lib/auth/*'],
    message: 'Layer rule: public routes are anonymous and must not import staff authentication (lib/auth).',
  },
};

/** Every rule of the React hooks plugin that Next's config brings, switched off: for test helpers named `use…`. */
const reactHooksOff = Object.fromEntries(
  Object.keys(nextCoreWebVitals.find((config) => config.plugins?.['react-hooks'])?.plugins?.['react-hooks'].rules ?? {}).map((rule) => [
    `react-hooks/${rule}`,
    'off',
  ]),
);

/**
 * One config object per folder, carrying every restriction for that folder. In flat config a later
 * `no-restricted-imports` entry replaces an earlier one for the same file instead of merging, so each file must be
 * matched by exactly one of these entries: keep the `files` globs disjoint, and list all of a folder's restrictions here.
 * (The rule does not see dynamic `import()` or `require()`.)
 *
 * @param {string} name
 * @param {string[]} files
 * @param {(keyof typeof forbidden)[]} keys
 * @returns {import('eslint').Linter.Config}
 */
function layer(name, files, keys) {
  return {
    name: `layers/${name}`,
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: keys.map((key) => forbidden[key]) }] },
  };
}

export default defineConfig([
  globalIgnores([
    '.next/',
    'node_modules/',
    'lib/generated/',
    'coverage/',
    'test-results/',
    'playwright-report/',
    'next-env.d.ts',
    '.data/',
  ]),
  // Next's base config (React, hooks, import, jsx-a11y, @next/next) with the Core Web Vitals rules as errors.
  ...nextCoreWebVitals,
  // typescript-eslint's `recommended`, with no-unused-vars and no-unused-expressions as warnings.
  ...nextTypescript,

  layer('db', ['lib/db/**'], ['kindModules', 'mailComposition']),
  layer('mail', ['lib/mail/**'], ['intakeFromMail']),
  layer('components', ['components/**'], ['dbFromComponents', 'registry']),
  layer('validation', ['lib/validation/**'], ['dbFromValidation', 'env', 'registry']),
  // Every route is public but the staff workspace and the auth endpoints, so a new route is covered without listing it.
  { ...layer('public-routes', ['app/**'], ['staff', 'auth']), ignores: ['app/staff/**', 'app/api/auth/**'] },

  {
    name: 'project/rules',
    rules: {
      // `{ secret: _secret, ...shown }` leaves a value out on purpose.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'project/commonjs-and-module-reloads',
    // jest's config is CommonJS; unit tests re-require a module to read the environment afresh.
    files: ['*.js', '__tests__/unit/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'project/test-helpers',
    // Test helpers are not React: `use…` there is a test file's setup (useTestDatabase, Playwright's fixtures), not a hook.
    files: ['__tests__/e2e/**', '__tests__/integration/**', '__tests__/helpers/**'],
    rules: reactHooksOff,
  },
  {
    name: 'project/bench',
    // The benchmark's results are loose JSON read back for the report.
    files: ['bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  // Last: turns off every stylistic rule that would fight Prettier.
  prettier,
]);
