#!/usr/bin/env bash
# Cold-start benchmark (docs/benchmarks.md, "Cold start"). Not part of the test run.
#   bash docs/bench/cold-start.sh [RUNS]        RUNS defaults to 10
# Needs: a JDK 21+ (JAVA_HOME), Maven, moto_server on PATH, python3 with boto3.
# SKIP_BUILD=1 reuses the Lambda jar already in functions/target; LAMBDA_JAR=path names another.
set -euo pipefail
runs="${1:-10}"
# shellcheck source=docs/bench/invoke-jar.sh
. "$(dirname "$0")/invoke-jar.sh"
# CheckStep's own jar (the one it deploys), when the build wrote the function jars: timed beside the one jar
function_jar=()
if [[ -d "$root/functions/target/lambda" ]]; then
  "$javac" --release 21 -cp "$jar" -d "$classes" "$root/docs/bench/FunctionServices.java"
  name="$("$java" -cp "$jar:$classes" FunctionServices | awk '$1 == "CheckStep" {print $3}')"
  function_jar=(--function-jar "$root/functions/target/lambda/$name")
fi
python3 "$root/docs/bench/cold_start.py" --jar "$jar" --invoke-jar "$classes/invoke.jar" --java "$java" --runs "$runs" \
  "${function_jar[@]}"
