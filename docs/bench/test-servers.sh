#!/usr/bin/env bash
# The tests' embedded MariaDB: what the first database test of a test JVM waits for, in this
# checkout (binaries and TLS key from the per-user cache) beside another checkout (BASELINE,
# e.g. one of the commit before), in fresh JVMs that alternate within each round.
#   BASELINE=<a checkout of an older commit> bash docs/bench/test-servers.sh [ROUNDS]   # ROUNDS defaults to 5
# Both checkouts are compiled first (mvn -pl functions -am test-compile).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
base="${BASELINE:?name a checkout to compare with: BASELINE=path}"
rounds="${1:-5}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

classpath() {  # the checkout's own classes first, then the functions module's test dependencies
  local dir="$1" out="$2"
  (cd "$dir" && mvn -B -q -pl functions -am test-compile \
    && mvn -B -q -o -pl functions dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out.deps")
  local deps
  deps="$(tr ':' '\n' < "$out.deps" | grep -v '/io/dbrefresh/' | paste -sd: -)"
  echo "$dir/functions/target/test-classes:$dir/functions/target/classes:$dir/src/local/target/classes:$deps" > "$out"
}
classpath "$here" "$work/here.cp"
classpath "$base" "$work/base.cp"
"$javac" --release 21 -cp "$(cat "$work/here.cp")" -d "$work/classes" "$here/docs/bench/StartTestServer.java"

declare -A runs=([baseline]="" [cached]="")
"$java" -cp "$work/classes:$(cat "$work/here.cp")" StartTestServer > /dev/null   # untimed: fills the cache once
for ((i = 1; i <= rounds; i++)); do
  runs[baseline]+=" $("$java" -cp "$work/classes:$(cat "$work/base.cp")" StartTestServer)"
  runs[cached]+=" $("$java" -cp "$work/classes:$(cat "$work/here.cp")" StartTestServer)"
done
python3 - "${runs[baseline]}" "${runs[cached]}" "$(cd "$base" && git log -1 --format=%h)" <<'PY'
import os, statistics, sys
base, cached, commit = [float(x) for x in sys.argv[1].split()], [float(x) for x in sys.argv[2].split()], sys.argv[3]
mb = statistics.median(base)
print("load average (1, 5, 15 min) at the end: %.1f %.1f %.1f" % os.getloadavg())
print("| variant | runs (s) | median (s) | ratio to baseline |")
print("| --- | --- | --- | --- |")
print("| baseline (commit %s) | %s | %.1f | 1.00 |" % (commit, " ".join("%.1f" % x for x in base), mb))
print("| cached binaries and TLS key | %s | %.1f | %.2f |" % (" ".join("%.1f" % x for x in cached), statistics.median(cached),
                                                         statistics.median(cached) / mb))
PY
