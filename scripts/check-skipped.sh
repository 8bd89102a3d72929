#!/usr/bin/env bash
# Lists every test the last `mvn verify` skipped (surefire/failsafe XML reports of each module).
# Exit status 1 when any was skipped and CI=true: in CI a skipped test is a test that did not run,
# and the build must say so rather than pass without it. Elsewhere the list is a warning.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skipped=()
while IFS= read -r -d '' report; do
  # One <testcase ...> element per test; a skipped one holds a <skipped .../> child.
  while IFS= read -r line; do
    skipped+=("$line")
  done < <(awk '
    /<testcase / {
      name = $0; sub(/.*<testcase[^>]* name="/, "", name); sub(/".*/, "", name)
      cls = $0; sub(/.*classname="/, "", cls); sub(/".*/, "", cls)
    }
    /<skipped/ {
      msg = $0; if (msg ~ /message="/) { sub(/.*message="/, "", msg); sub(/".*/, "", msg) } else { msg = "" }
      print cls "." name (msg == "" ? "" : " (" msg ")")
    }' "$report")
done < <(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target/*-reports/TEST-*.xml' -type f -print0)
if [ ${#skipped[@]} -eq 0 ]; then
  exit 0
fi
printf '[tributary] %d test(s) skipped:\n' "${#skipped[@]}" >&2
printf '[tributary]   %s\n' "${skipped[@]}" >&2
if [ "${CI:-}" = "true" ]; then
  printf '[tributary] CI=true: a skipped test fails the build (install what it needs; see scripts/fetch-data.sh)\n' >&2
  exit 1
fi
