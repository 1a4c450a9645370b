"""Cold-start benchmark: one handler's cold path as a whole process, Java beside Python.

Starts moto, seeds a stopped RDS instance, then times N fresh processes of each variant
(JVM start to the handler's first answer on stdout, process exit included) against moto,
round-robin so that noise on the machine spreads over every variant. Prints a Markdown
report: median and p90 per variant, the ratio to Python, the Lambda jar's size and the SDK
modules it holds. Run through cold-start.sh, which builds the jar first.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from datetime import datetime, timezone

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
STEP = "stopOldDatabase"
TARGET = "mysqlinstd"
CHECK_HANDLER = "io.dbrefresh.steps.CheckStep"
FORBIDDEN = {
    "Netty": ("io/netty/", "software/amazon/awssdk/http/nio/netty/"),
    "Apache HTTP client": ("org/apache/http/", "org/apache/hc/", "software/amazon/awssdk/http/apache/"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto():
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([shutil.which("moto_server") or "moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    endpoint = "http://127.0.0.1:%d" % port
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", method="POST"), timeout=2)
            return proc, endpoint
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("moto did not answer within 60 s")


def seed(endpoint):
    rds = boto3.client("rds", endpoint_url=endpoint)
    rds.create_db_instance(DBInstanceIdentifier=TARGET, Engine="mysql", DBInstanceClass="db.t3.medium",
                           AllocatedStorage=20, MasterUsername="admin", MasterUserPassword="not-a-secret-0")
    rds.stop_db_instance(DBInstanceIdentifier=TARGET)


def java_command(java, classpath, flags, handler):
    return [java] + flags + ["-cp", classpath, "Invoke"] + ([handler] if handler else [])


def check_event(java, classpath, env):
    """The check's input, with a plan made by the real validator from a committed refresh file."""
    with open(os.path.join(HERE, "..", "..", "refresh-files", "rds-latestpoint.json")) as f:
        refresh_file = json.load(f)
    execution = {"id": "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:bench", "name": "bench"}
    plan = run(java_command(java, classpath, [], "io.dbrefresh.steps.ValidateRefreshFile"),
               json.dumps({"refreshFile": refresh_file, "execution": execution}), env)
    started = {"step": STEP, "status": "IN_PROGRESS", "waitSeconds": 15, "polls": 0,
               "startedAt": "2026-01-01T03:00:00Z", "resource": TARGET, "acted": True}
    return json.dumps({"plan": json.loads(plan), "results": {STEP: started}, "execution": execution, "step": STEP})


def run(command, stdin, env):
    p = subprocess.run(command, input=stdin.encode(), capture_output=True, env=env)
    if p.returncode != 0:
        sys.exit("failed (exit %d): %s\n%s" % (p.returncode, " ".join(command), p.stderr.decode()[-3000:]))
    return p.stdout.decode()


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(command, stdin, env, expect):
    """Wall time, and CPU time (user + system, every thread), which load on a shared machine distorts far less."""
    c0, t0 = cpu_of_children(), time.perf_counter()
    out = run(command, stdin, env)
    elapsed, cpu = time.perf_counter() - t0, cpu_of_children() - c0
    if expect is not None:
        answer = json.loads(out)
        if answer.get("status") != expect:
            sys.exit("unexpected answer from %s: %s" % (command[-1], out))
    return elapsed, cpu


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def jar_report(jar):
    with zipfile.ZipFile(jar) as z:
        names = [i.filename for i in z.infolist()]
        sizes = {}
        for i in z.infolist():
            parts = i.filename.split("/")
            key = "/".join(parts[:4] if parts[:3] == ["software", "amazon", "awssdk"] else parts[:2]) if len(parts) > 1 else "(root)"
            sizes[key] = sizes.get(key, 0) + i.compress_size
    services = sorted({n.split("/")[4] for n in names if n.startswith("software/amazon/awssdk/services/") and n.count("/") > 4})
    http = sorted({n.split("/")[4] for n in names if n.startswith("software/amazon/awssdk/http/") and n.count("/") > 4})
    found = {what: sorted({n for n in names if n.startswith(prefixes) and n.endswith(".class")})
             for what, prefixes in FORBIDDEN.items()}
    return services, http, found, sorted(sizes.items(), key=lambda kv: -kv[1])[:10], len(names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", required=True)
    ap.add_argument("--invoke-jar", required=True, help="the jar holding Invoke.class")
    ap.add_argument("--java", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--function-jar", help="CheckStep's own jar (functions/target/lambda), timed beside the one jar")
    args = ap.parse_args()

    services, http, found, biggest, entries = jar_report(args.jar)
    for what, classes in found.items():
        if classes:
            sys.exit("the Lambda jar holds %s classes, e.g. %s" % (what, classes[0]))

    # moto accepts any credentials; never the caller's real ones
    os.environ.update(AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", AWS_ACCESS_KEY_ID="testing",
                      AWS_SECRET_ACCESS_KEY="testing")
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    load_before = os.getloadavg()
    moto, endpoint = start_moto()
    work = tempfile.mkdtemp(prefix="cold-start-")
    try:
        seed(endpoint)
        env = dict(os.environ, DBREFRESH_AWS_ENDPOINT=endpoint)
        env.pop("JAVA_TOOL_OPTIONS", None)
        env.pop("_JAVA_OPTIONS", None)
        classpath = args.jar + os.pathsep + args.invoke_jar
        event = check_event(args.java, classpath, env)

        # class-data-sharing archives, trained by one run of the same handler on the same event
        cds = os.path.join(work, "check.jsa")
        run(java_command(args.java, classpath, ["-XX:ArchiveClassesAtExit=" + cds], CHECK_HANDLER), event, env)
        variants = [
            ("JVM start and exit only (Invoke, no handler)", java_command(args.java, classpath, [], None), None),
            ("Java CheckStep, default JVM flags", java_command(args.java, classpath, [], CHECK_HANDLER), "SUCCEEDED"),
        ] + ([
            ("Java CheckStep from its function jar (%s), default JVM flags" % os.path.basename(args.function_jar),
             java_command(args.java, args.function_jar + os.pathsep + args.invoke_jar, [], CHECK_HANDLER), "SUCCEEDED"),
        ] if args.function_jar else []) + [
            ("Java CheckStep, -XX:TieredStopAtLevel=1",
             java_command(args.java, classpath, ["-XX:TieredStopAtLevel=1"], CHECK_HANDLER), "SUCCEEDED"),
            ("Java CheckStep, AppCDS archive",
             java_command(args.java, classpath, ["-XX:SharedArchiveFile=" + cds], CHECK_HANDLER), "SUCCEEDED"),
            ("Java CheckStep, AppCDS + TieredStopAtLevel=1",
             java_command(args.java, classpath, ["-XX:SharedArchiveFile=" + cds, "-XX:TieredStopAtLevel=1"], CHECK_HANDLER),
             "SUCCEEDED"),
            ("Python 3 start and exit only", [sys.executable, "-c", "pass"], None),
            ("Python boto3 check (same call)", [sys.executable, os.path.join(HERE, "check_stop.py")], "SUCCEEDED"),
        ]
        for _, command, expect in variants:  # untimed: fills the page cache, proves every variant answers
            timed(command, event, env, expect)
        times = {name: [] for name, _, _ in variants}
        cpus = {name: [] for name, _, _ in variants}
        for _ in range(args.runs):
            for name, command, expect in variants:
                wall, cpu = timed(command, event, env, expect)
                times[name].append(wall)
                cpus[name].append(cpu)
    finally:
        moto.terminate()
        moto.wait()
        shutil.rmtree(work, ignore_errors=True)

    load_after = os.getloadavg()
    python = statistics.median(times["Python boto3 check (same call)"])
    python_cpu = statistics.median(cpus["Python boto3 check (same call)"])
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print("## Cold start: %s, %d runs per variant" % (datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), args.runs))
    print()
    print("Machine: %s, %d cores, %s; %s; Python %s, boto3 %s" % (platform.machine(), os.cpu_count(), platform.system(),
                                                                java_version, platform.python_version(), boto3.__version__))
    print()
    print("Load average (1 min) before and after: %.2f, %.2f" % (load_before[0], load_after[0]))
    print()
    print("| variant | wall median (ms) | wall p90 (ms) | wall / Python boto3 | CPU median (ms) | CPU p90 (ms) | CPU / Python boto3 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, _, _ in variants:
        t, c = times[name], cpus[name]
        print("| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |" % (name, statistics.median(t) * 1000, p90(t) * 1000,
              statistics.median(t) / python, statistics.median(c) * 1000, p90(c) * 1000, statistics.median(c) / python_cpu))
    print()
    print("Lambda jar: %s, %.2f MiB, %d entries" % (os.path.basename(args.jar), os.path.getsize(args.jar) / 2**20, entries))
    print()
    print("- SDK service modules: %s" % ", ".join(services))
    print("- SDK packages under software/amazon/awssdk/http: %s (async and auth are SPIs, not clients)" % ", ".join(http))
    print("- Netty classes: %d; Apache HTTP client classes: %d" % (len(found["Netty"]), len(found["Apache HTTP client"])))
    print("- Largest packages (compressed): %s" % ", ".join("%s %.1f MiB" % (k, v / 2**20) for k, v in biggest))


if __name__ == "__main__":
    main()
