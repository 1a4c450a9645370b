#!/usr/bin/env bash
# Priming benchmark (docs/benchmarks.md, "Primed snapshots"). Not part of the test run.
#   bash docs/bench/priming.sh [RUNS]        RUNS defaults to 10
# Needs: a JDK 21+ (JAVA_HOME), Maven, moto_server on PATH, python3 with boto3.
# SKIP_BUILD=1 reuses the Lambda jar already in functions/target; LAMBDA_JAR=path names another.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-10}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -q -B -pl functions -am package -DskipTests)
fi
jar="${LAMBDA_JAR:-$(ls "$root"/functions/target/dbrefresh-functions-*-lambda.jar | head -n 1)}"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
"$javac" --release 21 -cp "$jar" -d "$classes" "$root/docs/bench/Invoke.java"
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --file "$classes/invoke.jar" -C "$classes" Invoke.class
python3 "$root/docs/bench/priming.py" --jar "$jar" --invoke-jar "$classes/invoke.jar" --java "$java" --runs "$runs"
