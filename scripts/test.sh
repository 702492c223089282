#!/usr/bin/env bash
# The whole test suite, in order, stopping at the first failure: lint, types, unit tests, builds and
# packages for Chrome and Firefox, the Firefox linter, then the browser tests. The last line is always
# "N passed, N failed" (unit + browser tests; a failed check that is not a test counts as one failure):
# CI reads it.
set -uo pipefail
cd "$(dirname "$0")/.."

# First the project's packages, then the Node in .nvmrc: with an older `node`, scripts/node24.mjs runs
# this script again under Node 24 (installed once into ~/.cache if need be, saying so).
if [ ! -d node_modules ]; then
  echo "The project's packages are not installed: run \`npm install\` first, then \`npm test\`." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
node scripts/node24.mjs --check || exec node scripts/node24.mjs bash scripts/test.sh "$@"

export NO_UPDATE_NOTIFIER=1 WXT_TELEMETRY=false
OUT=.tmp/test-results
mkdir -p "$OUT"
rm -f "$OUT"/*
passed=0
failed=0

summary() {
  echo "$passed passed, $failed failed"
}

fail() {
  echo
  echo "FAILED: $1" >&2
  summary
  exit 1
}

step() {
  echo
  echo "==> $*"
}

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 24 ]; then
  echo "Node 24 or newer is needed (the browser tests are TypeScript run by node directly); found $(node --version 2>/dev/null || echo none)." >&2
  failed=1
  fail "wrong Node version"
fi

step "biome check ."
npx --no-install biome check . || { failed=$((failed + 1)); fail "biome check (run \`npx biome check --write .\` for the fixable ones)"; }

step "tsc --noEmit"
npx --no-install tsc --noEmit || { failed=$((failed + 1)); fail "type check"; }

step "vitest run"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$OUT/vitest.json"
vitest_status=$?
if [ -f "$OUT/vitest.json" ]; then
  read -r v_pass v_fail < <(node -e '
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0));
  ' "$OUT/vitest.json")
  passed=$((passed + v_pass))
  failed=$((failed + v_fail))
fi
if [ "$vitest_status" -ne 0 ] || [ ! -f "$OUT/vitest.json" ]; then
  [ "$failed" -gt 0 ] || failed=$((failed + 1))
  fail "unit tests (vitest)"
fi

step "wxt build (chrome)"
npx --no-install wxt build || { failed=$((failed + 1)); fail "Chrome build"; }
step "wxt build -b firefox"
npx --no-install wxt build -b firefox || { failed=$((failed + 1)); fail "Firefox build"; }
step "wxt zip (chrome)"
npx --no-install wxt zip || { failed=$((failed + 1)); fail "Chrome zip"; }
step "wxt zip -b firefox"
npx --no-install wxt zip -b firefox || { failed=$((failed + 1)); fail "Firefox zip"; }

step "web-ext lint --source-dir .output/firefox-mv2"
npx --no-install web-ext lint --source-dir .output/firefox-mv2 --self-hosted=false --output=json >"$OUT/web-ext-lint.json"
node -e '
  const report = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const { errors, warnings, notices } = report.summary;
  for (const kind of ["errors", "warnings"])
    for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ""} ${m.message}`);
  console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  process.exit(errors === 0 ? 0 : 1);
' "$OUT/web-ext-lint.json" || { failed=$((failed + 1)); fail "web-ext lint reported errors"; }

step "browser tests: node --test tests/e2e/*.e2e.ts"
node --test --test-concurrency=1 --test-timeout=180000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$OUT/e2e.tap" \
  tests/e2e/*.e2e.ts
e2e_status=$?
e_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$OUT/e2e.tap" 2>/dev/null | tail -1)
e_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$OUT/e2e.tap" 2>/dev/null | tail -1)
e_cancel=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$OUT/e2e.tap" 2>/dev/null | tail -1)
passed=$((passed + ${e_pass:-0}))
failed=$((failed + ${e_fail:-0} + ${e_cancel:-0}))
if [ "$e2e_status" -ne 0 ] || [ -z "$e_pass" ]; then
  [ "${e_fail:-0}" -gt 0 ] || [ "${e_cancel:-0}" -gt 0 ] || failed=$((failed + 1))
  fail "browser tests"
fi

echo
echo "All checks passed."
summary
