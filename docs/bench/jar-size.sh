#!/usr/bin/env bash
# The Lambda jar's size, and what each JDBC driver takes of it (compressed bytes of its
# classes and resources inside the jar). "Without SQL Server and Oracle" is the same jar less
# those two drivers' entries: the baseline, measured in the same run.
#   bash docs/bench/jar-size.sh               # builds the jar first
#   SKIP_BUILD=1 bash docs/bench/jar-size.sh  # measures the jar already built
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -pl functions -am package -DskipTests
fi
jar=$(ls functions/target/dbrefresh-functions-*-lambda.jar)
python3 - "$jar" <<'PY'
import os, sys, zipfile

jar = sys.argv[1]
size = os.path.getsize(jar)
groups = {
    "Microsoft JDBC Driver for SQL Server": ("com/microsoft/sqlserver/", "META-INF/maven/com.microsoft.sqlserver/"),
    "Oracle JDBC (ojdbc11)": ("oracle/", "META-INF/native-image/com.oracle.database.jdbc/"),
    "PostgreSQL JDBC": ("org/postgresql/", "META-INF/maven/org.postgresql/"),
    "MariaDB Connector/J": ("org/mariadb/", "META-INF/maven/org.mariadb.jdbc/"),
}
totals = {g: [0, 0] for g in groups}
with zipfile.ZipFile(jar) as z:
    infos = z.infolist()
    for info in infos:
        for g, prefixes in groups.items():
            if info.filename.startswith(prefixes):
                # what the entry costs in the file: its compressed bytes and its local header (30 bytes + name)
                totals[g][0] += info.compress_size + 30 + len(info.filename.encode())
                totals[g][1] += 1
                break
mib = 1024 * 1024
print(f"jar: {jar}")
print(f"  size {size / mib:.2f} MiB ({size:,} bytes), {len(infos):,} entries")
for g, (b, n) in totals.items():
    print(f"  {g:38s} {b / mib:6.2f} MiB in the jar, {n:,} entries")
new = totals["Microsoft JDBC Driver for SQL Server"][0] + totals["Oracle JDBC (ojdbc11)"][0]
print(f"  without SQL Server and Oracle drivers  {(size - new) / mib:6.2f} MiB")
print(f"  with / without                         {size / (size - new):6.3f}")
PY
