// Logto's own lint setup: @silverhand/eslint-config 6 (eslint 8 legacy config) with its Prettier
// settings. Overrides below are the only departures; each says why.
/** @type {import('eslint').Linter.Config} */
module.exports = {
  root: true,
  extends: '@silverhand',
  parserOptions: {
    // typescript-eslint 7 does not know the `ES2024.String` lib name our tsconfig uses.
    project: './tsconfig.eslint.json',
    tsconfigRootDir: __dirname,
  },
  overrides: [
    {
      files: ['*.ts'],
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: __dirname },
    },
  ],
};
