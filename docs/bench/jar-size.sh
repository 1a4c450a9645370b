#!/usr/bin/env bash
# The Lambda jar's size (the shaded one jar, and the same shrunk by ProGuard), what each JDBC driver takes of it (compressed bytes of its classes and
# resources inside the jar), and what a jar per function would weigh: the same entries less
# the SDK service modules the function's grants never call, and less the JDBC drivers for the
# functions that open no database connection. "Without SQL Server and Oracle" is the same jar
# less those two drivers' entries: the baseline, measured in the same run.
#   bash docs/bench/jar-size.sh               # builds the jar first
#   SKIP_BUILD=1 bash docs/bench/jar-size.sh  # measures the jar already built
#   LAMBDA_JAR=path bash docs/bench/jar-size.sh  # measures another jar (e.g. a shrunk one)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -pl functions -am package -DskipTests
fi
jar="${LAMBDA_JAR:-$(ls functions/target/dbrefresh-functions-*-lambda.jar)}"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" --release 21 -cp "$jar" -d "$classes" docs/bench/FunctionServices.java
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar:$classes" FunctionServices > "$classes/functions.txt"
python3 - "$jar" "$classes/functions.txt" <<'PY'
import os, sys, zipfile

jar, functions = sys.argv[1], sys.argv[2]
size = os.path.getsize(jar)
drivers = {
    "Microsoft JDBC Driver for SQL Server": ("com/microsoft/sqlserver/", "microsoft/sql/", "META-INF/maven/com.microsoft.sqlserver/"),
    "Oracle JDBC (ojdbc11)": ("oracle/", "META-INF/native-image/com.oracle.database.jdbc/"),
    "PostgreSQL JDBC": ("org/postgresql/", "META-INF/maven/org.postgresql/"),
    "MariaDB Connector/J": ("org/mariadb/", "META-INF/maven/org.mariadb.jdbc/"),
}
# the AwsService names the registry prints, and the SDK module each stands for
modules = {"RDS": "rds", "DYNAMODB": "dynamodb", "SNS": "sns", "S3": "s3", "SECRETS_MANAGER": "secretsmanager",
           "SSM": "ssm", "LAMBDA": "lambda", "SFN": "sfn", "KMS": "kms", "SES": "ses"}
# the functions that open database connections: the script runner, and the check's login proof after a password change
JDBC_FUNCTIONS = {"ScriptRunner", "CheckStep"}

def cost(info):
    # what the entry costs in the file: its compressed bytes and its local header (30 bytes + name)
    return info.compress_size + 30 + len(info.filename.encode())

totals = {g: [0, 0] for g in drivers}
per_module = {}
with zipfile.ZipFile(jar) as z:
    infos = z.infolist()
    for info in infos:
        for g, prefixes in drivers.items():
            if info.filename.startswith(prefixes):
                totals[g][0] += cost(info)
                totals[g][1] += 1
                break
        parts = info.filename.split("/")
        if parts[:4] == ["software", "amazon", "awssdk", "services"] and len(parts) > 5:
            per_module[parts[4]] = per_module.get(parts[4], 0) + cost(info)
mib = 1024 * 1024
print(f"jar: {jar}")
print(f"  size {size / mib:.2f} MiB ({size:,} bytes), {len(infos):,} entries")
for g, (b, n) in totals.items():
    print(f"  {g:38s} {b / mib:6.2f} MiB in the jar, {n:,} entries")
new = totals["Microsoft JDBC Driver for SQL Server"][0] + totals["Oracle JDBC (ojdbc11)"][0]
print(f"  without SQL Server and Oracle drivers  {(size - new) / mib:6.2f} MiB")
print(f"  with / without                         {size / (size - new):6.3f}")
print("  SDK service modules: " + ", ".join(f"{m} {b / mib:.2f}" for m, b in sorted(per_module.items(), key=lambda kv: -kv[1])) + " MiB")
all_drivers = sum(b for b, _ in totals.values())
print("  a jar per function (this jar less the SDK modules it never calls, less the drivers where it opens no connection):")
rows = []
for line in open(functions):
    name, services, _ = line.split()
    keep = {modules[s] for s in services.split(",") if s}
    dropped = sum(b for m, b in per_module.items() if m not in keep and m not in ("sts", "secretsmanager"))
    if name not in JDBC_FUNCTIONS:
        dropped += all_drivers
    rows.append((name, (size - dropped) / mib, ",".join(sorted(keep))))
for name, mb, keep in sorted(rows, key=lambda r: -r[1]):
    print(f"    {name:22s} {mb:6.2f} MiB  ({keep}{', JDBC drivers' if name in JDBC_FUNCTIONS else ''})")
over = [r for r in rows if r[1] > 20]
print(f"  functions over 20 MiB: {len(over)} of {len(rows)}")

# the shaded jar shrunk by ProGuard (LambdaShrink), which the function jars are cut from
shrunk = jar.replace("-lambda.jar", "-lambda-shrunk.jar")
if shrunk != jar and os.path.isfile(shrunk):
    print(f"shrunk jar: {shrunk}")
    print(f"  size {os.path.getsize(shrunk) / mib:.2f} MiB, {os.path.getsize(shrunk) / size:.3f} of the one jar")

# the jars the build deploys (functions/target/lambda, written by the package phase), and who deploys each
folder = os.path.join(os.path.dirname(os.path.abspath(jar)), "lambda")
if os.path.isdir(folder):
    users = {}
    for line in open(functions):
        name, _, jar_name = line.split()
        users.setdefault(jar_name, []).append(name)
    print(f"function jars ({folder}):")
    for f in sorted(os.listdir(folder), key=lambda f: -os.path.getsize(os.path.join(folder, f))):
        s = os.path.getsize(os.path.join(folder, f))
        print(f"  {f:55s} {s / mib:6.2f} MiB  {', '.join(users.get(f, ['(no function)']))}")
    print(f"  largest / one jar: {max(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / size:.3f}")
PY
