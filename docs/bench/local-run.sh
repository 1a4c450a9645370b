#!/usr/bin/env bash
# The README's main job, `./dbrefresh run --local refresh-files/rds-latestpoint.json`, timed as
# a user feels it (wall clock of the whole command), N rounds, median per variant:
#   cold      the embedded MariaDB's cache (binaries and TLS key, <cache>/mariadb) removed first
#   warm      the cache as the previous run left it: every run after the first
#   baseline  (only with BASELINE=<another checkout of this repository>) that checkout's
#             ./dbrefresh, warm, e.g. a checkout of an older commit, for a before/after ratio
# The variants alternate within each round, so a busy machine slows them alike.
# One untimed run per checkout first builds the command and installs npm packages and moto.
#
#   bash docs/bench/local-run.sh            # 5 rounds
#   bash docs/bench/local-run.sh 3          # 3 rounds
#   BASELINE=../dbrefresh-old bash docs/bench/local-run.sh
#   COLD=0 BASELINE=../dbrefresh-old bash docs/bench/local-run.sh   # warm against the baseline only
#
# The cache folder is the one the runs use: $DBREFRESH_CACHE, else $XDG_CACHE_HOME/dbrefresh,
# else ~/.cache/dbrefresh; only its mariadb folder is removed (it is remade by the next run).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-5}
baseline=${BASELINE:-}
job=refresh-files/rds-latestpoint.json
cache=${DBREFRESH_CACHE:-}
if [ -z "$cache" ]; then
  if [ -n "${XDG_CACHE_HOME:-}" ]; then cache=$XDG_CACHE_HOME/dbrefresh; else cache=$HOME/.cache/dbrefresh; fi
fi
out=$root/target/bench
mkdir -p "$out"
log=$out/local-run.log
: >"$log"

# runs the job in checkout $1, prints its wall time in seconds; a failed run stops the benchmark
timed() {
  local dir=$1 start end
  start=$(date +%s.%N)
  if ! (cd "$dir" && ./dbrefresh run --local "$job") >>"$log" 2>&1; then
    echo "local-run: the run in $dir failed (output in $log)" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "warming up (untimed): build, npm packages, moto..." >&2
timed "$root" >/dev/null
if [ -n "$baseline" ]; then
  timed "$baseline" >/dev/null
fi

with_cold=${COLD:-1}
cold=() warm=() base=()
for ((i = 1; i <= rounds; i++)); do
  if [ "$with_cold" = 1 ]; then
    rm -rf "$cache/mariadb"
    cold+=("$(timed "$root")")
  else
    cold+=(0)
  fi
  warm+=("$(timed "$root")")
  if [ -n "$baseline" ]; then
    base+=("$(timed "$baseline")")
  fi
  echo "round $i: cold ${cold[-1]} s, warm ${warm[-1]} s${baseline:+, baseline ${base[-1]} s}, load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)" >&2
done

mc=$(printf '%s\n' "${cold[@]}" | median)
mw=$(printf '%s\n' "${warm[@]}" | median)
{
  echo "| variant | runs (s) | median (s) | ratio to cold |"
  echo "| --- | --- | --- | --- |"
  if [ -n "$baseline" ]; then
    mb=$(printf '%s\n' "${base[@]}" | median)
    ratio=-
    if [ "$with_cold" = 1 ]; then ratio=$(printf '%.2f' "$(echo "$mb / $mc" | bc -l)"); fi
    printf '| baseline (%s) | %s | %.1f | %s |\n' "$(git -C "$baseline" rev-parse --short HEAD)" \
      "$(printf '%.1f ' "${base[@]}")" "$mb" "$ratio"
  fi
  if [ "$with_cold" = 1 ]; then
    printf '| cold cache | %s | %.1f | 1.00 |\n' "$(printf '%.1f ' "${cold[@]}")" "$mc"
    printf '| warm cache | %s | %.1f | %.2f |\n' "$(printf '%.1f ' "${warm[@]}")" "$mw" "$(echo "$mw / $mc" | bc -l)"
  else
    printf '| warm cache | %s | %.1f | - |\n' "$(printf '%.1f ' "${warm[@]}")" "$mw"
  fi
  if [ -n "$baseline" ]; then
    printf '\nwarm / baseline: %.2f\n' "$(echo "$mw / $mb" | bc -l)"
  fi
} | tee "$out/local-run.md"
