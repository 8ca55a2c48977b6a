"""Writes the records of a Kinesis data stream to a DynamoDB table.

Lambda invokes the function with each shard's records of a tumbling window,
passing the state the previous invocation of that window returned; the
function adds the records to it (a count and bytes per partition key) and,
on the window's last invocation (isFinalInvokeForWindow), writes the window's
aggregate as one item. Only boto3, which the Python runtime ships, is
imported: the package needs no build step.
"""

import base64
import json
import logging
import os

import boto3

# Created once per execution environment, then reused by warm invocations.
TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])

logger = logging.getLogger()


def handler(event, context):
    state = event.get("state") or {}
    for record in event.get("Records", []):
        kinesis = record["kinesis"]
        totals = state.setdefault(kinesis["partitionKey"], {"count": 0, "bytes": 0})
        totals["count"] += 1
        totals["bytes"] += len(base64.b64decode(kinesis["data"]))

    if not event.get("isFinalInvokeForWindow"):
        # The state travels to the next invocation of this window (at most 1 MB).
        return {"state": state, "batchItemFailures": []}

    window = event["window"]
    aggregate = {
        "shard": event["shardId"],
        "window_start": window["start"],
        "window_end": window["end"],
        "terminated_early": event.get("isWindowTerminatedEarly", False),
        "partition_keys": state,
    }
    TABLE.put_item(
        Item={
            "pk": event["shardId"],
            "sk": window["start"],
            "window_end": window["end"],
            "aggregate": json.dumps(aggregate),
        }
    )
    logger.info("window aggregated", extra={"shard": event["shardId"], "window_start": window["start"], "keys": len(state)})
    return {"state": {}, "batchItemFailures": []}
