# Sourced by the Lambda benchmarks (cold-start.sh, priming.sh), not run alone. Builds the
# Lambda jar unless SKIP_BUILD=1 (LAMBDA_JAR=path names another jar) and compiles Invoke, the
# harness that calls a handler in a fresh JVM, into "$classes/invoke.jar". Sets root, java,
# javac, jar (the Lambda jar) and classes (a temporary folder removed on exit).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
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
