"""The Python side of the cold-start benchmark: what the original solution's Lambda did for
this check, in its language. Reads the same event as the Java CheckStep, asks RDS for the
old target's status once, answers the step's result as JSON."""
import json
import os
import sys

import boto3

NOT_YET_STOPPED = {"stopping", "available"}


def main():
    event = json.load(sys.stdin)
    step = event["step"]
    result = dict(event["results"][step])
    rds = boto3.client("rds", endpoint_url=os.environ.get("DBREFRESH_AWS_ENDPOINT"))
    instances = rds.describe_db_instances(DBInstanceIdentifier=result["resource"])["DBInstances"]
    status = instances[0]["DBInstanceStatus"] if instances else None
    if status is None or status == "stopped":
        result.update(status="SUCCEEDED", polls=0, message="DB instance %s is %s" % (result["resource"], status or "absent"))
    elif status in NOT_YET_STOPPED:
        result.update(status="IN_PROGRESS", polls=result["polls"] + 1, message="DB instance is " + status)
    else:
        result.update(status="FAILED", polls=0, message="DB instance is " + status + " instead of stopping")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
