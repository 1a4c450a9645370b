#!/usr/bin/env bash
# Cold-start benchmark (docs/benchmarks.md, "Cold start"). Not part of the test run.
#   bash docs/bench/cold-start.sh [RUNS]        RUNS defaults to 10
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
# a jar, not a directory: class-data-sharing archives refuse non-empty directories on the class path
"${JAVA_HOME:+$JAVA_HOME/bin/}jar" --create --file "$classes/invoke.jar" -C "$classes" Invoke.class
# CheckStep's own jar (the one it deploys), when the build wrote the function jars: timed beside the one jar
function_jar=()
if [[ -d "$root/functions/target/lambda" ]]; then
  "$javac" --release 21 -cp "$jar" -d "$classes" "$root/docs/bench/FunctionServices.java"
  name="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar:$classes" FunctionServices | awk '$1 == "CheckStep" {print $3}')"
  function_jar=(--function-jar "$root/functions/target/lambda/$name")
fi
python3 "$root/docs/bench/cold_start.py" --jar "$jar" --invoke-jar "$classes/invoke.jar" --java "$java" --runs "$runs" \
  "${function_jar[@]}"
