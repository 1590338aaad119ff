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
  mailTemplates: {
    group: ['@/lib/mail/templates', '@/lib/mail/templates/*', '**/mail/templates', '**/mail/templates/*'],
    message: 'Layer rule: lib/db stores and reads data; it does not render e-mails. Render in the caller and pass the result in.',
  },
  intakeMail: {
    group: ['@/lib/intake/*/mail*', '@/lib/intake/*/e-mails*', '**/intake/*/mail*', '**/intake/*/e-mails*'],
    message: 'Layer rule: lib/db does not depend on intake e-mail code. Render in the caller and pass the result in.',
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
  staff: {
    group: ['@/lib/staff', '@/lib/staff/*', '**/lib/staff', '**/lib/staff/*'],
    message: 'Layer rule: public routes never import staff-workspace code (lib/staff). Move shared code to a lib/ module.',
  },
  auth: {
    group: ['@/lib/auth', '@/lib/auth/*', '**/lib/auth', '**/lib/auth/*'],
    message: 'Layer rule: public routes are anonymous and must not import staff authentication (lib/auth).',
  },
};

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

  layer('db', ['lib/db/**'], ['mailTemplates', 'intakeMail']),
  layer('components', ['components/**'], ['dbFromComponents']),
  layer('validation', ['lib/validation/**'], ['dbFromValidation', 'env']),
  layer(
    'public-routes',
    ['app/contract-request/**', 'app/clinic-emails/**', 'app/clinic-updates/**', 'app/status/**', 'app/page.tsx'],
    ['staff', 'auth'],
  ),

  // Last: turns off every stylistic rule that would fight Prettier.
  prettier,
]);
