#!/usr/bin/env bash
# Runs the operator locally end to end: builds, brings up the local control plane, installs the
# CRDs, starts the NeevCloud simulator (with the fixtures examples/ adopts, hack/local/simulator.json)
# in the background and the operator in the foreground. Ctrl-C stops everything it started (a
# control plane that was already up stays up).
#   NEEV_OPERATOR_PORT (default 8080): the operator's /healthz, /readyz and /metrics.
#   NEEV_CP_NAME (default "default"): the control-plane instance (see hack/control-plane.sh).
#   NEEV_NO_BUILD=1: use the existing Release build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=hack/lib.sh
source hack/lib.sh
state="${XDG_CACHE_HOME:-$HOME/.cache}/neev-operator/local-run/${NEEV_CP_NAME:-default}"
mkdir -p "$state"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pids=()
cp_started=false
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if $cp_started; then hack/control-plane.sh down >/dev/null 2>&1 || true; fi
  echo "==> stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ${NEEV_NO_BUILD:-} != 1 ]]; then
  echo "==> build"
  dotnet build NeevOperator.sln -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
echo "==> control plane"
hack/control-plane.sh status >/dev/null 2>&1 || cp_started=true
export_line=$(hack/control-plane.sh up | tail -1)
eval "$export_line"
kubectl=$(hack/tools.sh kubectl)
"$kubectl" apply -f deploy/helm/neev-operator/crds >/dev/null
"$kubectl" wait --for=condition=Established --timeout=60s \
  crd/projects.neevcloud.com crd/virtualmachines.neevcloud.com crd/rootdisks.neevcloud.com >/dev/null

echo "==> NeevCloud simulator"
sim_port=$(free_port)
# A token of this run only, handed to the operator as a file, the way a mounted Secret is.
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s' "$token" > "$state/token" && chmod 600 "$state/token"
Simulator__Token=$token dotnet src/NeevCloud.Simulator/bin/Release/net10.0/NeevCloud.Simulator.dll \
  --urls "http://127.0.0.1:$sim_port" --settings hack/local/simulator.json >"$state/simulator.log" 2>&1 &
sim_pid=$!
pids+=("$sim_pid")
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$sim_port/_sim/catalog" >"$state/catalog.json" 2>/dev/null && break
  kill -0 $sim_pid 2>/dev/null || { echo "the simulator exited; see $state/simulator.log" >&2; exit 1; }
  sleep 0.1
done
org=$(grep -o '"organizations":\["[^"]*"' "$state/catalog.json" | sed 's/.*\["//; s/"$//')

if $cp_started; then cp_note=" and the control plane"; else cp_note=" (not the control plane, which was already up)"; fi
cat <<EOT

Ready. In another terminal:
  $export_line
  alias kubectl=$kubectl
  kubectl apply -f examples/
  kubectl get neevcloud
The simulator (http://127.0.0.1:$sim_port, organization $org) logs to $state/simulator.log;
its admin API is under /_sim/ (e.g. curl http://127.0.0.1:$sim_port/_sim/state).
Ctrl-C stops the operator, the simulator${cp_note}.

==> operator (logs follow)
EOT
# In the background and waited for, so that Ctrl-C reaches the trap at once and stops all of it.
# The cluster comes from $KUBECONFIG, as for kubectl (no --kubeconfig): the local run is also the test
# that the operator honours it.
export KUBECONFIG
dotnet src/Operator/bin/Release/net10.0/neev-operator.dll \
  --urls "http://127.0.0.1:${NEEV_OPERATOR_PORT:-8080}" \
  --leader-elect=false \
  --NeevCloud:TenantUrl="http://127.0.0.1:$sim_port/tenant" \
  --NeevCloud:VmUrl="http://127.0.0.1:$sim_port/vm" \
  --NeevCloud:OrganizationId="$org" \
  --NeevCloud:TokenFile="$state/token" &
pids+=("$!")
wait "$!"
