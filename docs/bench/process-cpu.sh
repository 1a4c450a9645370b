#!/usr/bin/env bash
# Processor time of a command's processes, by kind: runs the command, samples every 0.3 s the
# cumulative user+system time of each process below it (/proc/<pid>/stat), and prints the
# seconds per kind (the test JVMs, the node runners, moto, maven, mariadbd, postgres, other
# by name) with how many processes of each it saw. A process that lives less than 0.3 s may be
# missed; one that ends between two samples is counted up to its last sample. Linux only.
#
#   docs/bench/process-cpu.sh mvn -o -B -q -pl src/test -am verify -Dtest=NONE ... -Dit.test=...
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
"$@" &
root=$!
declare -A last kind
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
while kill -0 "$root" 2>/dev/null; do
  for p in $(descendants "$root"); do
    # fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (the name, field 2, has no spaces here)
    read -r -a f 2>/dev/null < "/proc/$p/stat" || continue
    last[$p]=$(( f[13] + f[14] ))
    if [ -z "${kind[$p]:-}" ]; then
      c=$(tr "\\0" " " 2>/dev/null < "/proc/$p/cmdline")
      case "$c" in
        *surefire*|*failsafe*) kind[$p]=test-jvm ;;
        *moto_server*) kind[$p]=moto ;;
        *runner.mjs*) kind[$p]=node-runner ;;
        *plexus-classworlds*) kind[$p]=maven ;;
        *mariadbd*) kind[$p]=mariadbd ;;
        *postgres*) kind[$p]=postgres ;;
        *) kind[$p]=${f[1]} ;;
      esac
    fi
  done
  sleep 0.3
done
wait "$root"
status=$?
hz=$(getconf CLK_TCK)
declare -A total count
for p in "${!last[@]}"; do
  k=${kind[$p]}
  total[$k]=$(( ${total[$k]:-0} + last[$p] ))
  count[$k]=$(( ${count[$k]:-0} + 1 ))
done
for k in "${!total[@]}"; do
  printf '%-14s processes=%-5d cpu_seconds=%s\n' "$k" "${count[$k]}" "$(echo "scale=2; ${total[$k]} / $hz" | bc)"
done | sort
exit "$status"
