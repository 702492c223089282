#!/usr/bin/env bash
# The whole test suite: lint, types, unit tests, build and package for Chrome and for Firefox, the
# Firefox linter, then the browser tests. Every stage runs even when an earlier one failed (the browser
# tests and the linter need the builds: without them they are reported as not run, a failure). Then a
# table of the stages, the name of every skipped test, and one last line, "N passed, N failed,
# N skipped" (unit + browser tests; a failed or unrun stage that is not a test counts as one failure),
# which CI reads. The exit status is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

# First the project's packages, then the Node in .nvmrc: with an older `node`, scripts/node24.mjs runs
# this script again under Node 24 (installed once into ~/.cache if need be, saying so).
if [ ! -d node_modules ]; then
  echo "The project's packages are not installed: run \`npm install\` first, then \`npm test\`." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
node scripts/node24.mjs --check || exec node scripts/node24.mjs bash scripts/test.sh "$@"

export NO_UPDATE_NOTIFIER=1 WXT_TELEMETRY=false
OUT=.tmp/test-results
passed=0
failed=0
skipped=0
stages=()
skipped_names=()

if [ ! -x node_modules/.bin/wxt ] || [ ! -x node_modules/.bin/vitest ]; then
  echo "node_modules is missing or incomplete: run npm install first." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
mkdir -p "$OUT"
rm -f "$OUT"/*

now_ms() { date +%s%3N; }

# record STAGE RESULT START_MS: one row of the summary table.
record() {
  local seconds
  seconds=$(awk -v ms="$(($(now_ms) - $3))" 'BEGIN { printf "%.1f", ms / 1000 }')
  stages+=("$1|$2|${seconds}s")
}

# stage NAME COMMAND...: runs a check that is not a test; a failure counts as one.
stage() {
  local name=$1 start
  shift
  echo
  echo "==> $name"
  start=$(now_ms)
  if "$@"; then
    record "$name" passed "$start"
    return 0
  fi
  failed=$((failed + 1))
  record "$name" FAILED "$start"
  return 1
}

# not_run NAME WHY: a stage that cannot run because an earlier one failed; counts as one failure.
not_run() {
  echo
  echo "==> $1: not run ($2)"
  failed=$((failed + 1))
  stages+=("$1|not run: $2|-")
}

# add_counts PASSED FAILED SKIPPED STAGE RESULT_START_MS STATUS: adds a test stage's figures. A
# non-zero status with no failed test (a file that did not load, a crash) still counts as one failure.
add_counts() {
  local p=$1 f=$2 s=$3 name=$4 start=$5 status=$6
  passed=$((passed + p))
  skipped=$((skipped + s))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  failed=$((failed + f))
  local result="$p passed, $f failed, $s skipped"
  [ "$f" -eq 0 ] || result="FAILED: $result"
  record "$name" "$result" "$start"
}

run_vitest() {
  local start status counts
  echo
  echo "==> vitest run"
  start=$(now_ms)
  npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$OUT/vitest.json"
  status=$?
  counts="0 0 0"
  if [ -f "$OUT/vitest.json" ]; then
    # Files that failed to load have no test results of their own: each counts as a failure.
    counts=$(node -e '
      const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
      const broken = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed")).length;
      const notRun = ["pending", "skipped", "todo"];
      for (const file of r.testResults)
        for (const t of file.assertionResults)
          if (notRun.includes(t.status)) console.error(`SKIPPED ${t.fullName} (${file.name.replace(process.cwd() + "/", "")})`);
      console.log(r.numPassedTests, r.numFailedTests + broken, r.numPendingTests + r.numTodoTests);
    ' "$OUT/vitest.json" 2>"$OUT/vitest-skipped.txt")
  fi
  while IFS= read -r line; do skipped_names+=("unit: ${line#SKIPPED }"); done < <(grep '^SKIPPED ' "$OUT/vitest-skipped.txt" 2>/dev/null)
  read -r v_pass v_fail v_skip <<<"$counts"
  add_counts "$v_pass" "$v_fail" "$v_skip" "vitest" "$start" "$status"
}

# Reads node's TAP report: the totals and every skipped test, with its reason.
run_browser_tests() {
  local start status tap="$OUT/e2e.tap"
  echo
  echo "==> browser tests: node --test tests/e2e/*.e2e.ts"
  start=$(now_ms)
  node --test --test-concurrency=1 --test-timeout=180000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    tests/e2e/*.e2e.ts
  status=$?
  total() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$tap" 2>/dev/null | tail -1; }
  local e_pass e_fail e_cancel e_skip e_todo
  e_pass=$(total pass) e_fail=$(total fail) e_cancel=$(total cancelled) e_skip=$(total skipped) e_todo=$(total todo)
  while IFS= read -r line; do skipped_names+=("browser: $line"); done < <(
    sed -n 's/^ *ok [0-9]* - \(.*\) # \(SKIP\|TODO\) *\(.*\)$/\1 (\3)/p' "$tap" 2>/dev/null
  )
  add_counts "${e_pass:-0}" "$((${e_fail:-0} + ${e_cancel:-0}))" "$((${e_skip:-0} + ${e_todo:-0}))" \
    "browser tests" "$start" "$status"
}

lint_firefox() {
  npx --no-install web-ext lint --source-dir .output/firefox-mv2 --self-hosted=false --output=json >"$OUT/web-ext-lint.json"
  node -e '
    const report = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const { errors, warnings, notices } = report.summary;
    for (const kind of ["errors", "warnings"])
      for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} ${m.file ?? ""} ${m.message}`);
    console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
    process.exit(errors === 0 ? 0 : 1);
  ' "$OUT/web-ext-lint.json"
}

# `wxt zip` builds first, so one run gives both the unpacked build the browser tests load and the zip.
build_and_zip() {
  local dir=$1
  shift
  rm -rf "$dir"
  npx --no-install wxt zip "$@" && [ -f "$dir/manifest.json" ]
}

stage "biome check ." npx --no-install biome check . ||
  echo "(\`npx biome check --write .\` fixes the fixable ones)" >&2
stage "tsc --noEmit" npx --no-install tsc --noEmit
run_vitest
stage "wxt zip (chrome)" build_and_zip .output/chrome-mv3 && chrome_built=1 || chrome_built=0
stage "wxt zip -b firefox" build_and_zip .output/firefox-mv2 -b firefox && firefox_built=1 || firefox_built=0

if [ "$firefox_built" = 1 ]; then
  stage "web-ext lint" lint_firefox
else
  not_run "web-ext lint" "no Firefox build"
fi
if [ "$chrome_built" = 1 ] && [ "$firefox_built" = 1 ]; then
  run_browser_tests
else
  not_run "browser tests" "no Chrome and Firefox builds"
fi

echo
printf '%-22s %-44s %8s\n' stage result time
for row in "${stages[@]}"; do
  IFS='|' read -r name result seconds <<<"$row"
  printf '%-22s %-44s %8s\n' "$name" "$result" "$seconds"
done
if [ "${#skipped_names[@]}" -gt 0 ]; then
  echo
  echo "Skipped:"
  printf '  %s\n' "${skipped_names[@]}"
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
