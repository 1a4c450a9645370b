#!/usr/bin/env bash
# Priming benchmark (docs/benchmarks.md, "Primed snapshots"). Not part of the test run.
#   bash docs/bench/priming.sh [RUNS]        RUNS defaults to 10
# Needs: a JDK 21+ (JAVA_HOME), Maven, moto_server on PATH, python3 with boto3.
# SKIP_BUILD=1 reuses the Lambda jar already in functions/target; LAMBDA_JAR=path names another.
set -euo pipefail
runs="${1:-10}"
# shellcheck source=docs/bench/invoke-jar.sh
. "$(dirname "$0")/invoke-jar.sh"
python3 "$root/docs/bench/priming.py" --jar "$jar" --invoke-jar "$classes/invoke.jar" --java "$java" --runs "$runs"
