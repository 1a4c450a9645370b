#!/usr/bin/env bash
# The end-to-end test phase timed on two commits, side by side: the same test classes run on a
# copy of BASELINE and on a copy of HEAD (committed state), alternately, round after round, and
# the wall time of the end-to-end module's test phase (failsafe's integration-test goal there,
# from the build log's timestamps) is printed for each, with the tests counted, the load average
# when the round began, the medians and the ratio HEAD/BASELINE.
#
#   docs/bench/test-suite.sh BASELINE 'ClassA,ClassB' [ROUNDS]
#
# ROUNDS defaults to 2. Each copy is built once first (offline Maven, the Lambda jars skipped),
# so the timed phase holds only the tests. Extra Maven options for both sides: TEST_SUITE_MVN_OPTS.
set -euo pipefail
baseline=${1:?usage: $0 BASELINE 'ClassA,ClassB' [ROUNDS]}
classes=${2:?usage: $0 BASELINE 'ClassA,ClassB' [ROUNDS]}
rounds=${3:-2}
repo=$(git rev-parse --show-toplevel)
# the JDK and moto as ./run-tests finds them
# shellcheck source=../../cli/bin/env.sh
. "$repo/cli/bin/env.sh"
# shellcheck source=../../cli/bin/python-tools.sh
. "$repo/cli/bin/python-tools.sh"
dbrefresh_ensure_moto
work=$(mktemp -d "${TMPDIR:-/tmp}/dbrefresh-test-suite.XXXXXX")
trap 'rm -rf "$work"' EXIT

mvn_args=(-o -B -pl src/test -am -DlambdaJars.skip=true
  -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
# shellcheck disable=SC2206
extra=(${TEST_SUITE_MVN_OPTS:-})

for side in baseline head; do
  rev=$baseline
  [ "$side" = head ] && rev=HEAD
  mkdir -p "$work/$side"
  git -C "$repo" archive "$rev" | tar -x -C "$work/$side"
  echo "$side: $(git -C "$repo" rev-parse --short "$rev"), building" >&2
  (cd "$work/$side/cli/engine" && npm ci --silent --prefer-offline --no-audit --no-fund >/dev/null)
  (cd "$work/$side" && mvn "${mvn_args[@]}" -q verify -DskipTests "${extra[@]}" >"$work/$side-build.log" 2>&1) \
    || { tail -40 "$work/$side-build.log" >&2; exit 1; }
done

seconds() { # HH:MM:SS.mmm -> seconds
  IFS=:. read -r h m s ms <<<"$1"
  echo $(( (10#$h * 3600 + 10#$m * 60 + 10#$s) * 1000 + 10#$ms ))
}

phase() { # the e2e module's integration-test phase in a build log: milliseconds
  local log=$1 start end
  start=$(grep -E 'failsafe[-a-z]*:[^:]+:integration-test .*@ dbrefresh-e2e' "$log" | head -1 | cut -d' ' -f1)
  end=$(grep -E 'failsafe[-a-z]*:[^:]+:verify .*@ dbrefresh-e2e' "$log" | head -1 | cut -d' ' -f1)
  local a b
  a=$(seconds "$start"); b=$(seconds "$end")
  [ "$b" -lt "$a" ] && b=$(( b + 86400000 ))
  echo $(( b - a ))
}

declare -a base_ms head_ms
printf '%-6s %-9s %10s  %-8s %s\n' round side seconds load tests
for ((r = 1; r <= rounds; r++)); do
  order=(baseline head)
  (( r % 2 == 0 )) && order=(head baseline)
  for side in "${order[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    log="$work/$side-$r.log"
    (cd "$work/$side" && mvn "${mvn_args[@]}" verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
      -Dit.test="$classes" -Dfailsafe.failIfNoSpecifiedTests=false "${extra[@]}" >"$log" 2>&1) \
      || { echo "$side round $r failed:" >&2; grep -E 'Tests run|FAIL|ERROR' "$log" | tail -20 >&2; exit 1; }
    ms=$(phase "$log")
    tests=$(grep -E '^[0-9:.]+ \[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures' "$log" | tail -1 | sed 's/^.*Tests run/Tests run/')
    grep -h 'figures:' "$log" | sed "s/^/  $side: /" >&2 || true
    printf '%-6s %-9s %10.1f  %-8s %s\n' "$r" "$side" "$(echo "$ms / 1000" | bc -l)" "$load" "$tests"
    if [ "$side" = baseline ]; then base_ms+=("$ms"); else head_ms+=("$ms"); fi
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
b=$(median "${base_ms[@]}"); h=$(median "${head_ms[@]}")
printf 'median baseline %.1f s, head %.1f s, ratio head/baseline %.2f\n' \
  "$(echo "$b / 1000" | bc -l)" "$(echo "$h / 1000" | bc -l)" "$(echo "$h / $b" | bc -l)"
