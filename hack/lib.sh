# Shell helpers shared by the hack/ scripts (sourced, not run).

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  # Below the kernel's ephemeral range: a port there can be the local end of any outgoing
  # connection (the API server's to etcd, a test's to the simulator), which a connect probe does
  # not see but a later bind trips over. The probe still skips ports something listens on.
  local low=32768 p
  read -r low _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  (( low > 12000 )) || low=32768
  for _ in $(seq 1 200); do
    p=$((10000 + RANDOM % (low - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then printf '%s' "$p"; return; fi
  done
  echo "no free port found" >&2
  return 1
}

# --- a private apt configuration for Debian sid ----------------------------------------------
# Packages are resolved and downloaded with apt-get/apt-cache, never installed: sources, lists,
# cache and an empty status file all live under $apt_dir. Callers set apt_dir and define log
# and die. Used by control-plane.sh (the test API server) and tools.sh (argo-lua).

apt_opts() {
  printf '%s\n' \
    -o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o "Dir::Etc::sourceparts=-" \
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" \
    -o "Dir::State::status=$apt_dir/status" -o "Debug::NoLocking=1" \
    -o "APT::Get::List-Cleanup=0" -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64"
}

# The mirror the system already uses, so the script names no host of its own.
debian_mirror() {
  local uri=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z $uri && -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [[ -n $uri ]] || die "no Debian mirror found in /etc/apt/sources.list{,.d/debian.sources}"
  printf '%s' "$uri"
}

apt_update() {
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  : > "$apt_dir/status"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -f $keyring ]] || die "missing $keyring (package debian-archive-keyring)"
  echo "deb [signed-by=$keyring] $(debian_mirror) sid main" > "$apt_dir/sources.list"
  log "updating the private package lists for sid"
  mapfile -t opts < <(apt_opts)
  apt-get "${opts[@]}" -qq update >"$apt_dir/update.log" 2>&1 \
    || die "apt-get update for sid failed; see $apt_dir/update.log"
}
