// Logto's own lint setup: @silverhand/eslint-config 6 (eslint 8 legacy config) with its Prettier
// settings (.prettierrc.json). The overrides below are the only departures; each says why.
const fs = require('node:fs');
const path = require('node:path');

const packageDirs = fs
  .readdirSync(path.join(__dirname, 'packages'))
  .filter((name) => fs.existsSync(path.join(__dirname, 'packages', name, 'package.json')));

const tooling = ['tests/**', 'packages/*/test/**', 'bench/**', 'scripts/**', 'vitest.config.ts'];

/** @type {import('eslint').Linter.Config} */
module.exports = {
  root: true,
  extends: '@silverhand',
  parserOptions: {
    // typescript-eslint 7 rejects the `ES2024.String` lib name in tsconfig.json.
    project: './tsconfig.eslint.json',
    tsconfigRootDir: __dirname,
  },
  settings: {
    // `@logto-sms/*` are path aliases bundled by scripts/build.mjs, not installed dependencies.
    'import/core-modules': packageDirs.map((name) => `@logto-sms/${name}`),
  },
  rules: {
    // SMS segment counting and the signers work on UTF-16 code units on purpose; codePointAt differs.
    'unicorn/prefer-code-point': 'off',
    // Its auto-fix rewrites security-relevant patterns (redaction, allow-lists) into less readable forms.
    'unicorn/better-regex': 'off',
    // null is part of our data (JSON answers, zod `.nullable()`, Map lookups); its fix breaks types.
    'unicorn/no-null': 'off',
    // Its fix drops `undefined` arguments that required `T | undefined` parameters need.
    'unicorn/no-useless-undefined': 'off',
    // Its `null` → `undefined` auto-fix changes values and breaks types (see unicorn/no-null above).
    '@typescript-eslint/ban-types': 'off',
    // The codebase is deliberately imperative in hot paths (signers, token scanners, the emulator,
    // retry loops); rewriting working, tested code for purity is out of scope for lint adoption.
    '@silverhand/fp/no-mutation': 'off',
    '@silverhand/fp/no-mutating-methods': 'off',
    '@silverhand/fp/no-let': 'off',
    '@silverhand/fp/no-mutating-assign': 'off',
    '@silverhand/fp/no-delete': 'off',
  },
  overrides: [
    {
      // Silverhand sets id-length only for TypeScript; plain JavaScript would fall back to ESLint's
      // default, which also flags object keys (the bench's result fields `n`, `a`, `b`) and `_`.
      files: ['*.mjs'],
      rules: {
        'id-length': ['error', { min: 2, exceptions: ['i', 'j', 'k', '_'], properties: 'never' }],
      },
    },
    {
      // Each connector's provider-code table lives in errors.ts as data (docs/architecture.md);
      // Tencent's table alone is about 230 lines. The table is not logic to split.
      files: ['packages/connector-*/src/errors.ts'],
      rules: {
        'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
      },
    },
    {
      files: ['*.ts'],
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: __dirname },
    },
    {
      // sms-core is bundled into each connector: its runtime deps are the connector's (root-installed).
      files: ['packages/sms-core/src/**', 'packages/aliyun-pop/src/**'],
      rules: {
        'import/no-extraneous-dependencies': [
          'error',
          { packageDir: [path.join(__dirname, 'packages/sms-core'), __dirname] },
        ],
      },
    },
    {
      // Tests, benchmarks and scripts use the root devDependencies and each package's test oracles.
      files: tooling,
      rules: {
        'import/no-extraneous-dependencies': [
          'error',
          {
            packageDir: [
              __dirname,
              ...packageDirs.map((name) => path.join(__dirname, 'packages', name)),
            ],
          },
        ],
      },
    },
    {
      // Tests, benchmarks and scripts run scenarios one at a time on purpose (ordering, readable
      // failures, measurements undisturbed by concurrency) and inspect awaited results inline.
      files: tooling,
      rules: {
        'no-await-in-loop': 'off',
        'unicorn/no-await-expression-member': 'off',
        // Playwright locators are not DOM nodes; its fix turns getAttribute into a missing `.dataset`.
        'unicorn/prefer-dom-node-dataset': 'off',
      },
    },
  ],
};
