#!/usr/bin/env bash
# Runs the operator locally end to end. Today: brings up the local control plane (etcd + API
# server from Debian packages, cached) and says what to do next; the simulator and the
# operator join as their issues land.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export_line=$(hack/control-plane.sh up | tail -1)
kubectl=$(hack/tools.sh kubectl)
cat <<EOT

The local control plane is up. Next:
  $export_line
  alias kubectl=$kubectl
  kubectl api-resources
Stop it with: hack/control-plane.sh down
EOT
