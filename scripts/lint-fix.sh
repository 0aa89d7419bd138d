#!/bin/sh
# Re-applies the formatter and every safe lint auto-fix over the tree (run after merging branches
# written before lint existed), then lists what is left to fix by hand.
set -eu
cd "$(dirname "$0")/.."
npx prettier --write . >/dev/null
npx eslint --ext .ts,.mjs packages tests scripts bench vitest.config.ts --fix || true
npx prettier --check .
npx eslint --ext .ts,.mjs packages tests scripts bench vitest.config.ts
