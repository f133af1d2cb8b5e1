#!/usr/bin/env bash
# The scale benchmark (issue 8), by hand; not part of CI. Builds Release, starts a fresh control-plane
# instance "bench" with the audit log on, and runs bench/NeevOperator.Bench, which starts the simulator
# and the operator as processes of their own. Results: bench/results/bench-<date>-n<N>-p<P>.{md,json}.
#   bench/run.sh                                    the default runs: 1000 VMs / 10 projects, then 5000 / 50
#   bench/run.sh --vms 1000 --projects 10 --repeat 3
# Every switch: bench/README.md. NEEV_BENCH_KEEP_CONTROL_PLANE=1 leaves the API server up afterwards.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export NEEV_CP_NAME=bench NEEV_CP_AUDIT=1
run="${XDG_CACHE_HOME:-$HOME/.cache}/neev-operator/run/bench"
command="bench/run.sh${*:+ $*}"

cleanup() {
  if [[ ${NEEV_BENCH_KEEP_CONTROL_PLANE:-} != 1 ]]; then hack/control-plane.sh down >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> build (Release)"
dotnet build NeevOperator.sln -c Release -nologo -clp:ErrorsOnly >/dev/null
echo "==> control plane (instance bench, fresh, audit log on)"
# Fresh every time: the counts come from an empty etcd and an audit log of this run only.
hack/control-plane.sh down >/dev/null 2>&1 || true
export_line=$(hack/control-plane.sh up | tail -1)
eval "$export_line"
kubectl=$(hack/tools.sh kubectl)
"$kubectl" apply -f deploy/helm/neev-operator/crds >/dev/null
"$kubectl" wait --for=condition=Established --timeout=60s \
  crd/projects.neevcloud.com crd/virtualmachines.neevcloud.com crd/rootdisks.neevcloud.com >/dev/null

echo "==> benchmark"
dotnet bench/NeevOperator.Bench/bin/Release/net10.0/NeevOperator.Bench.dll \
  --kubeconfig "$KUBECONFIG" --operator-kubeconfig "$run/operator.kubeconfig" --audit-log "$run/audit.log" --control-plane-state "$run/state.env" \
  --results "$root/bench/results" --command "$command" "$@"
