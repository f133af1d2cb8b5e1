#!/usr/bin/env bash
# A local Kubernetes control plane for tests and the local run: etcd plus the apiextensions
# API server, both built/unpacked from Debian `sid` packages into a cache folder. Nothing is
# installed into the system. See DEVELOPERS.md ("The test control plane") for the why.
#
#   hack/control-plane.sh up        start (no-op when already up); last line: export KUBECONFIG=...
#   hack/control-plane.sh down      stop exactly what `up` started and remove its data
#   hack/control-plane.sh env       print the export line of a running control plane
#   hack/control-plane.sh status    say whether it runs, exit 1 when not
#   hack/control-plane.sh build     resolve, download and build only (used by CI to warm the cache)
#   hack/control-plane.sh restart-apiserver   restart the API server, keeping etcd and its data
#
# Environment: NEEV_CP_REFRESH=1 re-resolves the package set against current sid (otherwise a
# build that exists for the current main.go is reused without touching the network);
# NEEV_CP_NAME names the instance (default "default"), so several can run side by side;
# NEEV_CP_AUDIT=1 makes the API server write an audit log (Metadata level) to audit.log.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib.sh
source "$here/lib.sh"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/neev-operator"
instance="${NEEV_CP_NAME:-default}"
run="$cache/run/$instance"
main_go="$here/test-apiserver/main.go"
shim_crds="$here/test-apiserver/shim-crds.yaml"
apt_dir="$cache/apt"
deb_dir="$cache/debs"
build_dir="$cache/apiserver"

log() { printf '[control-plane] %s\n' "$*" >&2; }
die() { printf '[control-plane] error: %s\n' "$*" >&2; exit 1; }

# --- package resolution and download -------------------------------------------------------

# Prints the package names to download, one a line.
resolve_packages() {
  mapfile -t opts < <(apt_opts)
  local go_pkg
  go_pkg=$(apt-cache "${opts[@]}" depends golang-go | awk '/Depends: golang-1\.[0-9]+-go$/{print $2; exit}')
  [[ -n $go_pkg ]] || die "could not resolve the Go toolchain from golang-go's dependencies in sid"
  local go_src=${go_pkg%-go}-src
  {
    apt-cache "${opts[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
      --no-breaks --no-replaces --no-enhances golang-k8s-apiextensions-apiserver-dev \
      | grep -v '^ ' | grep -v '^<' \
      | grep '^golang-' \
      | grep -Ev '^(golang-go|golang-src|golang-doc|golang-1\.[0-9]+-.*)$' || true
    printf '%s\n' "$go_pkg" "$go_src" etcd-server
  } | sort -u
}

download_packages() {
  local list=$1
  mkdir -p "$deb_dir"
  mapfile -t opts < <(apt_opts)
  mapfile -t pkgs < "$list"
  local uris
  uris=$(apt-get "${opts[@]}" download --print-uris "${pkgs[@]}" 2>"$build_dir/resolve.err") \
    || die "cannot resolve packages in sid: $(grep -m1 -E 'E:' "$build_dir/resolve.err" || cat "$build_dir/resolve.err")"
  # --print-uris lines: 'URI' file size hash; keep the file names as the package-set key.
  awk '{print $2}' <<<"$uris" | sort > "$build_dir/debs.list"
  local missing=()
  while read -r f; do [[ -f $deb_dir/$f ]] || missing+=("$f"); done < "$build_dir/debs.list"
  if ((${#missing[@]})); then
    log "downloading ${#missing[@]} of $(wc -l < "$build_dir/debs.list") packages"
    local names=()
    for f in "${missing[@]}"; do names+=("${f%%_*}"); done
    (cd "$deb_dir" && apt-get "${opts[@]}" -qq download "${names[@]}") >"$build_dir/download.log" 2>&1 || {
      local bad
      bad=$(grep -m1 -oE "(Failed to fetch|Unable to locate package|Can't find a source to download version '[^']+' of )[^ ]+" "$build_dir/download.log" || true)
      die "download failed${bad:+ ($bad)}; see $build_dir/download.log"
    }
  fi
}

# --- build ----------------------------------------------------------------------------------

sha() { sha256sum | cut -c1-16; }

# The binary for the current main.go and package set; builds it when missing.
build_server() {
  mkdir -p "$build_dir"
  local main_hash
  main_hash=$(cat "$main_go" | sha)
  local current="$build_dir/current-$main_hash"
  if [[ -z ${NEEV_CP_REFRESH:-} && -f $current ]]; then
    local bin
    bin=$(cat "$current")
    [[ -x $bin && -x $(dirname "$bin")/etcd ]] && { printf '%s' "$bin"; return; }
  fi

  apt_update
  resolve_packages > "$build_dir/packages.list"
  download_packages "$build_dir/packages.list"
  local set_key
  set_key=$(cat "$build_dir/debs.list" | sha)
  local root="$cache/root-$set_key"
  local out="$build_dir/$set_key-$main_hash"
  if [[ ! -x $out/neev-test-apiserver ]]; then
    if [[ ! -f $root/.complete ]]; then
      log "unpacking $(wc -l < "$build_dir/debs.list") packages into $root"
      rm -rf "$root" && mkdir -p "$root"
      while read -r f; do
        dpkg-deb -x "$deb_dir/$f" "$root" || die "cannot unpack $f (package ${f%%_*})"
      done < "$build_dir/debs.list"
      touch "$root/.complete"
    fi
    local goroot
    goroot=$(ls -d "$root"/usr/lib/go-1.* 2>/dev/null | sort -V | tail -1)
    [[ -x $goroot/bin/go ]] || die "no Go toolchain under $root/usr/lib (package golang-1.NN-go)"
    local gopath="$build_dir/gopath"
    rm -rf "$gopath" && mkdir -p "$gopath/src/neev-test-apiserver" "$out"
    cp "$main_go" "$gopath/src/neev-test-apiserver/main.go"
    log "building the API server with $("$goroot/bin/go" version | awk '{print $3}') (cold: a few minutes)"
    (
      cd "$gopath/src/neev-test-apiserver"
      GOROOT=$goroot GOPATH="$gopath:$root/usr/share/gocode" GO111MODULE=off GOTOOLCHAIN=local \
        GOPROXY=off GOFLAGS= CGO_ENABLED=0 GOCACHE="$cache/gocache" \
        "$goroot/bin/go" build -trimpath -o "$out/neev-test-apiserver.tmp" .
    ) >"$build_dir/build.log" 2>&1 || die "go build failed (packages golang-k8s-apiextensions-apiserver-dev and deps); see $build_dir/build.log"
    mv "$out/neev-test-apiserver.tmp" "$out/neev-test-apiserver"
  fi
  [[ -x $root/usr/bin/etcd ]] || die "no etcd in $root/usr/bin (package etcd-server)"
  cp -f "$root/usr/bin/etcd" "$out/etcd"
  echo "$out/neev-test-apiserver" > "$current"
  printf '%s' "$out/neev-test-apiserver"
}

# --- run ------------------------------------------------------------------------------------

alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

load_state() {
  etcd_pid="" apiserver_pid="" secure_port="" etcd_port=""
  # shellcheck disable=SC1091
  [[ -f $run/state.env ]] && source "$run/state.env"
  return 0
}

export_line() { printf 'export KUBECONFIG=%s\n' "$run/kubeconfig"; }

is_up() {
  load_state
  alive "$etcd_pid" && alive "$apiserver_pid" && curl -fsS --max-time 2 \
    --cacert "$run/pki/ca.crt" --cert "$run/pki/admin.crt" --key "$run/pki/admin.key" \
    "https://127.0.0.1:$secure_port/livez" >/dev/null 2>&1
}

make_pki() {
  local pki="$run/pki"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=neev-test-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    cert() { # name subject [extfile]
      openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
        ${3:+-extfile "$3"} -out "$1.crt" 2>/dev/null
    }
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > server.ext
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
    cert server "/CN=127.0.0.1" server.ext
    cert admin "/O=system:masters/CN=neev-admin" client.ext
    # The operator's own identity, so an audit log can tell its requests apart (least privilege
    # is measured from it). This server has no RBAC authorizer, hence system:masters.
    cert operator "/O=system:masters/CN=system:serviceaccount:neev-system:neev-operator" client.ext
  )
}

write_kubeconfig() { # file user
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: neev-test
  cluster:
    server: https://127.0.0.1:$secure_port
    certificate-authority: $run/pki/ca.crt
users:
- name: $2
  user:
    client-certificate: $run/pki/$2.crt
    client-key: $run/pki/$2.key
contexts:
- name: neev-test
  context: {cluster: neev-test, user: $2, namespace: default}
current-context: neev-test
EOF
}

wait_ready() { # url what pid
  for _ in $(seq 1 300); do
    alive "$3" || die "$2 exited during start-up; last lines of $run/$2.log:
$(tail -n 20 "$run/$2.log" 2>/dev/null)"
    curl -fsS --max-time 2 --cacert "$run/pki/ca.crt" --cert "$run/pki/admin.crt" \
      --key "$run/pki/admin.key" "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "$2 not ready after 30 s; see $run/$2.log"
}

start_apiserver() {
  local bin=$1
  local audit=()
  if [[ -n ${NEEV_CP_AUDIT:-} ]]; then
    printf 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n' > "$run/audit-policy.yaml"
    # No rotation: the API server would roll the file at its default 100 MB (a 10,000-VM bench writes more),
    # and a reader counting from an offset would then see nothing.
    audit=(--audit-log-path="$run/audit.log" --audit-policy-file="$run/audit-policy.yaml" --audit-log-maxsize=100000)
  fi
  # Readiness: plain /readyz waits forever on informers of types this server does not serve.
  "$bin" \
    --etcd-servers="http://127.0.0.1:$etcd_port" \
    --bind-address=127.0.0.1 --secure-port="$secure_port" \
    --cert-dir="$run/pki" --tls-cert-file="$run/pki/server.crt" --tls-private-key-file="$run/pki/server.key" \
    --client-ca-file="$run/pki/ca.crt" \
    --authentication-kubeconfig="$run/self.kubeconfig" --authorization-kubeconfig="$run/self.kubeconfig" \
    --kubeconfig="$run/self.kubeconfig" --authentication-skip-lookup \
    --disable-admission-plugins=NamespaceLifecycle,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy,MutatingAdmissionPolicy \
    "${audit[@]}" \
    >"$run/apiserver.log" 2>&1 &
  apiserver_pid=$!
  save_state
  wait_ready "https://127.0.0.1:$secure_port/readyz?exclude=informer-sync" apiserver "$apiserver_pid"
}

save_state() {
  printf 'etcd_pid=%s\napiserver_pid=%s\nsecure_port=%s\netcd_port=%s\nbin=%s\n' \
    "$etcd_pid" "$apiserver_pid" "$secure_port" "$etcd_port" "${bin:-}" > "$run/state.env"
}

kubectl_bin() { "$here/tools.sh" kubectl; }

# Starts etcd on fresh ports; returns non-zero when it exits before answering /health.
start_etcd() {
  local etcd_bin=$1 peer_port
  etcd_port=$(free_port)
  peer_port=$(free_port)
  rm -rf "$run/etcd"
  "$etcd_bin" --name neev-test --data-dir "$run/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "neev-test=http://127.0.0.1:$peer_port" --log-level warn \
    >"$run/etcd.log" 2>&1 &
  etcd_pid=$!
  save_state
  for _ in $(seq 1 100); do
    curl -fsS --max-time 1 "http://127.0.0.1:$etcd_port/health" >/dev/null 2>&1 && return 0
    alive "$etcd_pid" || return 1
    sleep 0.1
  done
  return 0
}

cmd_up() {
  if is_up; then export_line; return; fi
  [[ -d $run ]] && stop_all
  bin=$(build_server)
  local etcd_bin
  etcd_bin="$(dirname "$bin")/etcd"
  rm -rf "$run" && mkdir -p "$run"
  make_pki
  secure_port=$(free_port)
  apiserver_pid=""
  write_kubeconfig "$run/kubeconfig" admin
  write_kubeconfig "$run/self.kubeconfig" admin
  write_kubeconfig "$run/operator.kubeconfig" operator
  # A port can still be taken between the probe and etcd's bind (another instance starting side
  # by side): a start that exits is retried on fresh ports before giving up.
  local attempt
  for attempt in 1 2 3; do
    start_etcd "$etcd_bin" && break
    (( attempt < 3 )) || die "etcd exited during start-up three times; last log ($run/etcd.log):
$(tail -n 20 "$run/etcd.log" 2>/dev/null)"
    log "etcd exited during start-up (attempt $attempt), retrying on other ports"
  done
  start_apiserver "$bin"
  KUBECONFIG="$run/kubeconfig" "$(kubectl_bin)" apply -f "$shim_crds" >"$run/shim.log" 2>&1 \
    || die "installing the shim CRDs failed; see $run/shim.log"
  KUBECONFIG="$run/kubeconfig" "$(kubectl_bin)" wait --for=condition=Established --timeout=30s \
    crd/leases.coordination.k8s.io crd/events.events.k8s.io >>"$run/shim.log" 2>&1 \
    || die "the shim CRDs did not become established; see $run/shim.log"
  log "up: API server https://127.0.0.1:$secure_port (pids etcd $etcd_pid, apiserver $apiserver_pid)"
  export_line
}

stop_pid() {
  alive "${1:-}" || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$1" || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

stop_all() {
  load_state
  stop_pid "$apiserver_pid"
  stop_pid "$etcd_pid"
}

cmd_down() {
  stop_all
  rm -rf "$run"
  log "down"
}

cmd_env() {
  is_up || die "not running (hack/control-plane.sh up)"
  export_line
}

cmd_status() {
  if is_up; then
    echo "up: https://127.0.0.1:$secure_port etcd pid $etcd_pid apiserver pid $apiserver_pid"
    export_line
  else
    echo "down"; return 1
  fi
}

cmd_restart_apiserver() {
  is_up || die "not running"
  stop_pid "$apiserver_pid"
  start_apiserver "$bin"
  log "API server restarted (pid $apiserver_pid)"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  status) cmd_status ;;
  build) build_server >/dev/null; log "built" ;;
  restart-apiserver) cmd_restart_apiserver ;;
  *) echo "usage: $0 up|down|env|status|build|restart-apiserver" >&2; exit 2 ;;
esac
