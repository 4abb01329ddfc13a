#!/usr/bin/env bash
# Runs every test of the solution and ends with one summary line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (for example --filter).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-tools.sh" || exit 1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test Operator.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test assembly.
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed:' "$log" \
  | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {printf "%d %d %d\n", p, f, s}')

echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -eq 0 && ${passed} -eq 0 ]]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
