#!/usr/bin/env bash
# Every test: types, the production build, the landmark recordings of the
# shared clips (made by that build's review pipeline, cached outside the
# checkout; unit tests read them), unit tests (Vitest), and the browser
# end-to-end suite (Playwright on Debian's Chromium with a fake camera fed
# from real footage in ../shared). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh || exit 1
mkdir -p e2e/artifacts
# A report left by an earlier run must not count for this one.
rm -f e2e/artifacts/vitest.json e2e/artifacts/report.json
status=0
npm run --silent check || status=1
npm run --silent build || status=1
# Before Vitest, which reads the cache; the build above is the one it drives.
npm run --silent recordings -- --no-build || status=1
npx vitest run --reporter=default --reporter=json --outputFile=e2e/artifacts/vitest.json || status=1
npx playwright test -c e2e/playwright.config.ts || status=1
node scripts/test-summary.mjs e2e/artifacts/vitest.json e2e/artifacts/report.json || status=1
exit $status
