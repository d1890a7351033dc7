#!/usr/bin/env bash
# Every test: types, unit tests (Vitest), the production build, and the
# browser end-to-end suite (Playwright on Debian's Chromium with a fake
# camera fed from real footage in ../shared). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh || exit 1
mkdir -p e2e/artifacts
status=0
npm run --silent check || status=1
npx vitest run --reporter=default --reporter=json --outputFile=e2e/artifacts/vitest.json || status=1
npm run --silent build || status=1
npx playwright test -c e2e/playwright.config.ts || status=1
node scripts/test-summary.mjs e2e/artifacts/vitest.json e2e/artifacts/report.json || status=1
exit $status
