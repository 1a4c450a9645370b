# Sourced by ./dbrefresh and ./run-tests: finds moto's server (and, for the tests, cfn-lint),
# or installs them into a private virtual environment in a cache folder, outside the
# repository. The system Python of current Debian and Ubuntu refuses a plain
# `pip install` (PEP 668), so a venv of our own is the one install that works everywhere.
# shellcheck shell=bash

DBREFRESH_MOTO_REQUIREMENT='moto[server]==5.2.1'
DBREFRESH_CFN_LINT_REQUIREMENT='cfn-lint==1.51.0'

# The private environment: DBREFRESH_CACHE, else XDG_CACHE_HOME/dbrefresh, else ~/.cache/dbrefresh.
dbrefresh_venv() {
  local cache=${DBREFRESH_CACHE:-}
  if [ -z "$cache" ]; then
    if [ -n "${XDG_CACHE_HOME:-}" ]; then cache=$XDG_CACHE_HOME/dbrefresh; else cache=$HOME/.cache/dbrefresh; fi
  fi
  echo "$cache/python"
}

# What is being installed, for the messages: set by the ensure functions below.
dbrefresh_tool="moto (the local AWS emulator)"
dbrefresh_tool_yourself="pipx install 'moto[server]', or set DBREFRESH_MOTO to a command that starts moto_server"

# Says why the tool cannot be installed and what fixes it, then stops (exit 2: the environment, not the input).
dbrefresh_cannot_install() {
  echo "dbrefresh: cannot install $dbrefresh_tool: $1" >&2
  echo "dbrefresh: fix: $2; or install it yourself: $dbrefresh_tool_yourself" >&2
  exit 2
}

# Creates the private environment when missing and installs the requirement ($1) into it, saying what
# it does and how long it took. An environment python3 could not make is removed, so the next run starts clean.
dbrefresh_venv_install() {
  local what=$dbrefresh_tool requirement=$1 venv started log
  venv=$(dbrefresh_venv)
  started=$(date +%s)
  if [ ! -x "$venv/bin/python" ]; then
    if ! command -v python3 >/dev/null 2>&1; then
      dbrefresh_cannot_install "there is no python3 on the PATH" "install Python 3 with its venv module (apt-get install python3-venv)"
    fi
    # Debian and Ubuntu ship venv without ensurepip until python3-venv is installed
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
      dbrefresh_cannot_install "python3 has no venv module to make a private environment" "apt-get install python3-venv (Debian, Ubuntu)"
    fi
    mkdir -p "$(dirname "$venv")"
    echo "Setting up: a private Python environment for $what in $venv..." >&2
    log=$(mktemp)
    if ! python3 -m venv "$venv" >"$log" 2>&1; then
      rm -rf "$venv"
      dbrefresh_cannot_install "python3 -m venv failed: $(tail -n 1 "$log")" "apt-get install python3-venv (Debian, Ubuntu)"
    fi
    rm -f "$log"
  fi
  echo "Setting up: installing $what, $requirement, into $venv..." >&2
  log=$(mktemp)
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 1 --timeout 20 "$requirement" >"$log" 2>&1; then
    local why
    why=$(grep -E '^ERROR' "$log" | tail -n 1)
    rm -f "$log"
    dbrefresh_cannot_install "pip could not install $requirement (no network, or no package index reachable)${why:+: $why}" \
      "connect to the network and run again"
  fi
  rm -f "$log"
  echo "Setting up: $what installed in $(( $(date +%s) - started )) s." >&2
}

# The script a pyenv shim runs, instead of the shim: a shim resolves the Python version again at every start
# (a chain of shell scripts, seconds on a busy machine, before moto even loads). Resolved once with
# `pyenv which` and kept in the cache folder; resolved again when the kept script is gone. Anything else as it is.
dbrefresh_unshim() {
  local command=$1 kept resolved
  case "$command" in
    */.pyenv/shims/*) ;;
    *) echo "$command"; return ;;
  esac
  kept="$(dbrefresh_venv)"
  kept="${kept%/*}/pyenv-${command##*/}"
  if [ -f "$kept" ] && resolved=$(<"$kept") && [ -x "$resolved" ]; then
    echo "$resolved"
    return
  fi
  if resolved=$(pyenv which "${command##*/}" 2>/dev/null) && [ -x "$resolved" ]; then
    mkdir -p "${kept%/*}" && echo "$resolved" > "$kept"
    echo "$resolved"
  else
    echo "$command"
  fi
}

# Exports DBREFRESH_MOTO, the command that starts moto's server, which the Java side runs.
# Order: DBREFRESH_MOTO as given; moto_server on the PATH; a python3 that has moto; the
# private environment (installed there on first use).
dbrefresh_ensure_moto() {
  if [ -n "${DBREFRESH_MOTO:-}" ]; then
    export DBREFRESH_MOTO
    return
  fi
  if command -v moto_server >/dev/null 2>&1; then
    DBREFRESH_MOTO=$(dbrefresh_unshim "$(command -v moto_server)")
  elif command -v python3 >/dev/null 2>&1 && python3 -c 'import moto.server' >/dev/null 2>&1; then
    DBREFRESH_MOTO="$(command -v python3) -m moto.server"
  else
    local venv
    venv=$(dbrefresh_venv)
    if ! { [ -x "$venv/bin/python" ] && [ -x "$venv/bin/moto_server" ] && "$venv/bin/python" -c 'import moto.server' >/dev/null 2>&1; }; then
      dbrefresh_tool="moto (the local AWS emulator)"
      dbrefresh_tool_yourself="pipx install 'moto[server]', or set DBREFRESH_MOTO to a command that starts moto_server"
      dbrefresh_venv_install "$DBREFRESH_MOTO_REQUIREMENT"
    fi
    DBREFRESH_MOTO=$venv/bin/moto_server
  fi
  export DBREFRESH_MOTO
}

# Starts moto's server in the background for the local run the JVM is about to make, so that Python loads moto
# while the JVM starts instead of after it; the JVM takes it over (MotoServer.adoptLaunched) and stops it.
# Exports DBREFRESH_MOTO_LAUNCHED="PID PORT LOG". The port is one no socket uses, read from /proc/net (Linux);
# where that cannot be read, nothing is started here and the JVM starts moto itself, as it does when this one ends
# at once (a port taken meanwhile, a moto that cannot start: the JVM's own start then says why).
dbrefresh_launch_moto() {
  local port hex log used command
  [ -r /proc/net/tcp ] || return 0
  used=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null) || return 0
  for _ in 1 2 3 4 5 6 7 8; do
    # below the usual range of ports the system hands out for outgoing connections
    port=$(( 20000 + RANDOM % 12000 ))
    printf -v hex ':%04X ' "$port"
    [[ "$used" == *"$hex"* ]] || break
    port=""
  done
  [ -n "$port" ] || return 0
  log=$(mktemp "${TMPDIR:-/tmp}/moto-XXXXXXXX") || return 0
  # as MotoServer reads DBREFRESH_MOTO: one executable path whole (it may hold spaces), else a command and its arguments
  if [ -x "$DBREFRESH_MOTO" ]; then command=("$DBREFRESH_MOTO"); else read -r -a command <<<"$DBREFRESH_MOTO"; fi
  "${command[@]}" -H 127.0.0.1 -p "$port" </dev/null >"$log" 2>&1 &
  DBREFRESH_MOTO_LAUNCHED="$! $port $log"
  export DBREFRESH_MOTO_LAUNCHED
}

# Puts cfn-lint on the PATH for the infrastructure checks: the one on the PATH, else the private environment's.
dbrefresh_ensure_cfn_lint() {
  if command -v cfn-lint >/dev/null 2>&1; then
    return
  fi
  local venv
  venv=$(dbrefresh_venv)
  if [ ! -x "$venv/bin/cfn-lint" ]; then
    dbrefresh_tool="cfn-lint (checks the synthesized CloudFormation template)"
    dbrefresh_tool_yourself="pipx install cfn-lint"
    dbrefresh_venv_install "$DBREFRESH_CFN_LINT_REQUIREMENT"
  fi
  # appended, not prepended: the environment's python3 must not stand in for the user's
  PATH="$PATH:$venv/bin"
  export PATH
}
