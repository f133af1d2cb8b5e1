#!/usr/bin/env bash
# The whole test suite: builds the solution (Release warnings-as-errors), prepares the cached
# tools (kubectl, helm, the test API server), runs every test project, and ends with one line
#   Total: N passed, N failed, N skipped
# Exit code non-zero when anything failed or no test ran. Skipped tests are listed with reasons.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Harness").
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results=$(mktemp -d "${TMPDIR:-/tmp}/neev-test-results.XXXXXX")
trap 'rm -rf "$results"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }

step "tools and test API server (cached under ${XDG_CACHE_HOME:-$HOME/.cache}/neev-operator)"
hack/tools.sh kubectl >/dev/null
hack/tools.sh helm >/dev/null
# Without it only the Argo CD script tests are skipped (they say why), so no reason to stop here.
hack/tools.sh argo-lua >/dev/null || echo "argo-lua (Argo CD's Lua engine) unavailable: the Argo CD script tests will be skipped"
# Without it only the Prometheus rule tests are skipped (they say why).
hack/tools.sh promtool >/dev/null || echo "promtool unavailable: the Prometheus rule tests will be skipped"
hack/control-plane.sh build

step "build"
dotnet build NeevOperator.sln -c Release -nologo -clp:ErrorsOnly

step "test"
status=0
dotnet test NeevOperator.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 10m "$@" || status=$?

# One summary over all test projects, from the TRX counters.
sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed); failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
skipped=$(sum notExecuted)
if ((skipped > 0)); then
  step "skipped tests"
  cat "$results"/*.trx | tr '\n' ' ' | grep -o '<UnitTestResult [^>]*outcome="NotExecuted"[^>]*>.\{0,800\}</UnitTestResult>' \
    | sed -E 's/.*testName="([^"]*)".*<Message>([^<]*)<\/Message>.*/  \1: \2/' || true
fi
echo
echo "Total: $passed passed, $failed failed, $skipped skipped"
if ((status != 0 || failed > 0)); then exit 1; fi
if ((passed == 0)); then echo "no test ran" >&2; exit 1; fi
