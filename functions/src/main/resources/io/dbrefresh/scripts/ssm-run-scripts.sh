# Runs post-refresh scripts with the engine's own client on this instance. The variables
# above this line were set by the scripts step. The database password is read here, from
# Secrets Manager, into files only this user can read: it is never part of the command.
set -euo pipefail
umask 077
# arrays below are expanded as ${a[@]+"${a[@]}"}: bash 4.2 (Amazon Linux 2) calls an empty one unbound
work=$(mktemp -d /tmp/dbrefresh.XXXXXX)
trap 'rm -rf "$work"' EXIT
export AWS_DEFAULT_REGION="$REGION"
if [ -z "$CA_BUNDLE" ] && [ -n "${RDS_CA:-}" ]; then
  # the region's RDS certificate authorities, sent with the command: the clients verify the server against them
  printf '%s' "$RDS_CA" > "$work/rds-ca.pem"
  CA_BUNDLE="$work/rds-ca.pem"
fi
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

aws secretsmanager get-secret-value --secret-id "$SECRET_ID" --query SecretString --output text > "$work/secret.json"
python3 - "$work" "$FAMILY" "$DB_HOST" "$DB_PORT" "$DB_NAME" <<'PY'
import json, os, sys
work, family, host, port, dbname = sys.argv[1:6]
s = json.load(open(os.path.join(work, "secret.json")))
user, pwd = s["username"], s["password"]
dbname = dbname or s.get("dbname") or ""
open(os.path.join(work, "user"), "w").write(user)
open(os.path.join(work, "dbname"), "w").write(dbname)
if family == "mysql":
    esc = pwd.replace("\\", "\\\\").replace('"', '\\"')
    open(os.path.join(work, "my.cnf"), "w").write('[client]\npassword="%s"\n' % esc)
elif family == "sqlserver":
    # sqlcmd reads the password from SQLCMDPASSWORD: the file is sourced into the environment, never an argument
    open(os.path.join(work, "sqlcmd.env"), "w").write("export SQLCMDPASSWORD='%s'\n" % pwd.replace("'", "'\"'\"'"))
elif family == "oracle":
    # sqlplus reads CONNECT from this file on its standard input: the password is never an argument
    # (RDS master passwords cannot hold a double quote); the connect descriptor follows it
    open(os.path.join(work, "connect.sql"), "w").write('CONNECT "%s"/"%s"@' % (user, pwd))
else:
    def q(v):
        return v.replace("\\", "\\\\").replace(":", "\\:")
    open(os.path.join(work, "pgpass"), "w").write("%s:%s:*:%s:%s\n" % (q(host), port, q(user), q(pwd)))
PY
rm -f "$work/secret.json"
db_user=$(cat "$work/user")
db_name=$(cat "$work/dbname")

run_mysql() {
  local file=$1
  local tls=()
  if mysql --version 2>/dev/null | grep -qi mariadb; then
    case "$TLS_MODE" in
      verify-full) tls=(--ssl --ssl-verify-server-cert ${CA_BUNDLE:+--ssl-ca="$CA_BUNDLE"}) ;;
      require) tls=(--ssl) ;;
      *) tls=(--skip-ssl) ;;
    esac
  else
    case "$TLS_MODE" in
      verify-full) tls=(--ssl-mode=VERIFY_IDENTITY ${CA_BUNDLE:+--ssl-ca="$CA_BUNDLE"}) ;;
      require) tls=(--ssl-mode=REQUIRED) ;;
      *) tls=(--ssl-mode=DISABLED) ;;
    esac
  fi
  local force=()
  [ "$CONTINUE_ON_ERROR" = true ] && force=(--force)
  if [ "$SINGLE_TRANSACTION" = true ]; then
    # on the script's first line, so the client's line numbers stay the script's
    { printf 'START TRANSACTION; '; cat "$file"; printf '\nCOMMIT;\n'; } | mysql --defaults-extra-file="$work/my.cnf" \
      -h "$DB_HOST" -P "$DB_PORT" -u "$db_user" ${tls[@]+"${tls[@]}"} ${force[@]+"${force[@]}"} ${db_name:+"$db_name"}
  else
    mysql --defaults-extra-file="$work/my.cnf" -h "$DB_HOST" -P "$DB_PORT" -u "$db_user" ${tls[@]+"${tls[@]}"} ${force[@]+"${force[@]}"} \
      ${db_name:+"$db_name"} < "$file"
  fi
}

run_sqlcmd() {
  local file=$1
  local tls=()
  case "$TLS_MODE" in
    verify-full) tls=(-N) ;;
    require) tls=(-N -C) ;;
    *) tls=(-No) ;;
  esac
  local stop=(-b)
  [ "$CONTINUE_ON_ERROR" = true ] && stop=()
  local input="$file"
  if [ "$SINGLE_TRANSACTION" = true ]; then
    # one transaction across the batches: -b ends the session at the first error, which rolls it back
    { printf 'SET XACT_ABORT ON;\nBEGIN TRANSACTION;\nGO\n'; cat "$file"; printf '\nGO\nCOMMIT;\nGO\n'; } > "$work/tx.sql"
    input="$work/tx.sql"
  fi
  ( . "$work/sqlcmd.env"; sqlcmd -S "tcp:$DB_HOST,$DB_PORT" -U "$db_user" ${db_name:+-d "$db_name"} -I ${stop[@]+"${stop[@]}"} \
      ${tls[@]+"${tls[@]}"} -i "$input" )
}

run_sqlplus() {
  local file=$1
  local protocol=TCPS port="$ORACLE_TLS_PORT" security=""
  case "$TLS_MODE" in
    verify-full) security="(SECURITY=(SSL_SERVER_DN_MATCH=TRUE)${ORACLE_WALLET_DIR:+(MY_WALLET_DIRECTORY=$ORACLE_WALLET_DIR)})" ;;
    require) security="${ORACLE_WALLET_DIR:+(SECURITY=(MY_WALLET_DIRECTORY=$ORACLE_WALLET_DIR))}" ;;
    *) protocol=TCP; port="$DB_PORT" ;;
  esac
  local descriptor="(DESCRIPTION=(ADDRESS=(PROTOCOL=$protocol)(HOST=$DB_HOST)(PORT=$port))(CONNECT_DATA=(SERVICE_NAME=${db_name:-ORCL}))$security)"
  local on_error="WHENEVER SQLERROR EXIT FAILURE ROLLBACK"
  [ "$CONTINUE_ON_ERROR" = true ] && on_error="WHENEVER SQLERROR CONTINUE"
  local commit="SET AUTOCOMMIT ON"
  [ "$SINGLE_TRANSACTION" = true ] && commit="SET AUTOCOMMIT OFF"
  {
    cat "$work/connect.sql"
    printf '%s\n' "$descriptor"
    printf '%s\n%s\nSET ECHO OFF FEEDBACK ON\n@"%s"\nCOMMIT;\nEXIT SUCCESS\n' "$on_error" "$commit" "$file"
  } | sqlplus -L -S /nolog
}

run_psql() {
  local file=$1
  local single=()
  [ "$SINGLE_TRANSACTION" = true ] && single=(--single-transaction)
  local stop=1
  [ "$CONTINUE_ON_ERROR" = true ] && stop=0
  case "$TLS_MODE" in
    verify-full) export PGSSLMODE=verify-full; [ -n "$CA_BUNDLE" ] && export PGSSLROOTCERT="$CA_BUNDLE" ;;
    require) export PGSSLMODE=require ;;
    *) export PGSSLMODE=disable ;;
  esac
  PGPASSFILE="$work/pgpass" psql -X -q -v ON_ERROR_STOP=$stop ${single[@]+"${single[@]}"} -h "$DB_HOST" -p "$DB_PORT" \
    -U "$db_user" -d "${db_name:-postgres}" -f "$file"
}

: > "$work/results.tsv"
status=SUCCEEDED
for key in "${KEYS[@]}"; do
  object="${PREFIX:+${PREFIX%/}/}$key"
  file="$work/script-$(printf '%s' "$key" | tr -c 'A-Za-z0-9._-' '_')"
  aws s3 cp --only-show-errors "s3://$BUCKET/$object" "$file"
  t0=$(date +%s%3N)
  set +e
  case "$FAMILY" in
    mysql) run_mysql "$file" > "$work/out" 2> "$work/err" ;;
    sqlserver) run_sqlcmd "$file" > "$work/out" 2> "$work/err" ;;
    oracle) run_sqlplus "$file" > "$work/out" 2> "$work/err" ;;
    *) run_psql "$file" > "$work/out" 2> "$work/err" ;;
  esac
  rc=$?
  set -e
  t1=$(date +%s%3N)
  cat "$work/out"
  cat "$work/err" >&2
  sum=$(sha256sum "$file" | cut -d' ' -f1)
  bytes=$(wc -c < "$file")
  tail -c 2000 "$work/err" > "$work/err-$(wc -l < "$work/results.tsv")"
  tail -c 2000 "$work/out" > "$work/out-$(wc -l < "$work/results.tsv")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$object" "$sum" "$bytes" "$rc" "$((t1 - t0))" >> "$work/results.tsv"
  if [ "$rc" -ne 0 ]; then
    status=FAILED
    break
  fi
done

python3 - "$work" "$status" "$started" <<'PY' > "$work/report.json"
import json, os, re, sys, datetime
work, status, started = sys.argv[1:4]
env = os.environ
scripts, error = [], None
for i, row in enumerate(open(os.path.join(work, "results.tsv")).read().splitlines()):
    key, obj, sha, size, rc, ms = row.split("\t")
    scripts.append({"key": key, "objectKey": obj, "sha256": sha, "bytes": int(size), "statements": 0, "executed": 0,
                    "failed": 0 if rc == "0" else 1, "rowsAffected": 0, "durationMillis": int(ms), "details": []})
    if rc != "0" and error is None:
        err = open(os.path.join(work, "err-%d" % i)).read().strip()
        if not err and env["FAMILY"] in ("sqlserver", "oracle"):
            # sqlcmd and sqlplus print their errors on standard output
            err = open(os.path.join(work, "out-%d" % i)).read().strip()
        m = (re.search(r"at line (\d+)", err) or re.search(r":(\d+): (?:ERROR|FATAL)", err)
             or re.search(r"Msg \d+, Level \d+, State \d+, .*Line (\d+)", err))
        error = {"script": key, "line": int(m.group(1)) if m else None, "message": err or ("exit code " + rc)}
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({"execution": env["EXECUTION"], "target": env["TARGET"], "engine": env["ENGINE"], "method": "ec2",
                  "status": status, "startedAt": started, "updatedAt": now, "finishedAt": now,
                  "bucket": env["BUCKET"], "prefix": env["PREFIX"],
                  "continueOnError": env["CONTINUE_ON_ERROR"] == "true",
                  "singleTransaction": env["SINGLE_TRANSACTION"] == "true", "scripts": scripts,
                  "statements": 0, "failedStatements": sum(s["failed"] for s in scripts), "rowsAffected": 0,
                  "durationMillis": sum(s["durationMillis"] for s in scripts), "error": error, "warnings": [
                  "method ec2 reports per script: statements and rows are not counted"]}, indent=2))
PY
aws s3 cp --only-show-errors --content-type application/json "$work/report.json" "s3://$BUCKET/$REPORT_KEY"
[ "$status" = SUCCEEDED ]
