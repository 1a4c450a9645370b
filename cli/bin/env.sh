# Sourced by ./dbrefresh and ./run-tests: finds a JDK 21 or newer and Maven's options.
# shellcheck shell=bash

# The JDK's major version: from its release file when it has one (starting a JVM to ask costs a
# noticeable part of a short command on a busy machine), else from java -version. Read by the shell
# itself: each program started costs a short command time on a busy machine too.
java_major() {
  local major="" line
  if [ -f "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*)
          line=${line#JAVA_VERSION=}
          line=${line#\"}
          major=${line%%[!0-9]*}
          break
          ;;
      esac
    done <"$1/release"
  fi
  if [ -z "$major" ]; then
    major=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$major"
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  found=""
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then found=$candidate; fi
  fi
  if [ -z "$found" ]; then
    for candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
      if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then found=$candidate; break; fi
    done
  fi
  if [ -z "$found" ]; then
    echo "dbrefresh needs a JDK 21 or newer (set JAVA_HOME)." >&2
    exit 2
  fi
  JAVA_HOME=$found
fi
export JAVA_HOME
# the JDK's major version, for the scripts that source this one
DBREFRESH_JAVA_MAJOR=$(java_major "$JAVA_HOME")
# Maven's own libraries warn on newer JDKs; the warning is noise, not a problem.
if [ "$DBREFRESH_JAVA_MAJOR" -ge 24 ] 2>/dev/null; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
