"""Priming benchmark: a handler's first request in a fresh JVM, primed (its SnapStart hook run
first, as before the snapshot) beside not primed, against moto. Each run is a fresh process
(Invoke) that builds the handler as the Lambda runtime does, optionally primes it, then sends
the same request twice; the durations of the two requests are read from its stderr. Variants
alternate round-robin so that load on the machine falls on each alike. Run through priming.sh.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cold_start import CHECK_HANDLER, check_event, java_command, p90, seed, start_moto  # noqa: E402

VALIDATE_HANDLER = "io.dbrefresh.steps.ValidateRefreshFile"
# Lambda's java21 runtime stops tiered compilation at C1 by default
LAMBDA_FLAGS = ["-XX:TieredStopAtLevel=1"]


def measure(command, stdin, env):
    p = subprocess.run(command, input=stdin.encode(), capture_output=True, env=env)
    if p.returncode != 0:
        sys.exit("failed (exit %d): %s\n%s" % (p.returncode, " ".join(command), p.stderr.decode()[-3000:]))
    err = p.stderr.decode()
    if "failures=[]" not in err and "--prime" in command:
        sys.exit("priming reported a failure: %s" % err)
    values = dict(re.findall(r"^([a-z-]+)-ms=([0-9.]+)$", err, re.M))
    return float(values["first-request"]), float(values["second-request"]), float(values.get("priming", "nan"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", required=True)
    ap.add_argument("--invoke-jar", required=True)
    ap.add_argument("--java", required=True)
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()

    os.environ.update(AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="testing",
                      AWS_SECRET_ACCESS_KEY="testing")
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"):
        os.environ.pop(name, None)
    load_before = os.getloadavg()
    moto, endpoint = start_moto()
    try:
        seed(endpoint)
        env = dict(os.environ, DBREFRESH_AWS_ENDPOINT=endpoint)
        classpath = args.jar + os.pathsep + args.invoke_jar
        check = check_event(args.java, classpath, env)
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "refresh-files",
                               "rds-latestpoint.json")) as f:
            validate = '{"refreshFile": %s, "execution": {"id": "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:bench", "name": "bench"}}' % f.read()
        variants = []
        for label, handler, event in (("CheckStep (stop-old-database, one DescribeDBInstances)", CHECK_HANDLER, check),
                                      ("ValidateRefreshFile (the README's main job)", VALIDATE_HANDLER, validate)):
            variants.append((label + ", not primed", java_command(args.java, classpath, LAMBDA_FLAGS, None)
                             + ["--repeat", handler], event))
            variants.append((label + ", primed", java_command(args.java, classpath, LAMBDA_FLAGS, None)
                             + ["--prime", "--repeat", handler], event))
        for _, command, event in variants:  # untimed: fills the page cache, proves every variant answers
            measure(command, event, env)
        results = {name: [] for name, _, _ in variants}
        for _ in range(args.runs):
            for name, command, event in variants:
                results[name].append(measure(command, event, env))
    finally:
        moto.terminate()
        moto.wait()
    load_after = os.getloadavg()

    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print("## Priming: %s, %d runs per variant" % (datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), args.runs))
    print()
    print("%s; JVM flags %s; load average (1 min) before and after: %.2f, %.2f"
          % (java_version, " ".join(LAMBDA_FLAGS), load_before[0], load_after[0]))
    print()
    print("| variant | first request median (ms) | p90 (ms) | second request median (ms) | first / second | priming (ms, before the snapshot) | first request / not primed |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    baseline = None
    for name, _, _ in variants:
        first = [r[0] for r in results[name]]
        second = [r[1] for r in results[name]]
        priming = [r[2] for r in results[name]]
        if name.endswith("not primed"):
            baseline = statistics.median(first)
        print("| %s | %.0f | %.0f | %.1f | %.1f | %s | %.2f |" % (
            name, statistics.median(first), p90(first), statistics.median(second),
            statistics.median(first) / statistics.median(second),
            "-" if name.endswith("not primed") else "%.0f" % statistics.median(priming),
            statistics.median(first) / baseline))


if __name__ == "__main__":
    main()
