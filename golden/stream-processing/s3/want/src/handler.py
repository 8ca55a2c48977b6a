"""Writes the records of a Kinesis data stream to an S3 bucket.

Each record is written as one JSON object, keyed by its partition key
and sequence number, so a batch processed twice writes the same data again.
On a failure the function stops and reports that record
(ReportBatchItemFailures): Lambda retries from it, and records before it are
not processed again. Only boto3, which the Python runtime ships, is
imported: the package needs no build step.
"""

import base64
import json
import logging
import os
from urllib.parse import quote

import boto3

# Created once per execution environment, then reused by warm invocations.
S3 = boto3.client("s3")
BUCKET = os.environ["OUTPUT_BUCKET"]
PREFIX = os.environ["OUTPUT_PREFIX"]

logger = logging.getLogger()


def handler(event, context):
    for record in event.get("Records", []):
        kinesis = record["kinesis"]
        try:
            write(kinesis)
        except Exception:
            logger.exception("record not written", extra={"sequence_number": kinesis["sequenceNumber"]})
            return {"batchItemFailures": [{"itemIdentifier": kinesis["sequenceNumber"]}]}
    return {"batchItemFailures": []}


def write(kinesis):
    data = base64.b64decode(kinesis["data"]).decode("utf-8", errors="replace")
    body = {
        "partition_key": kinesis["partitionKey"],
        "sequence_number": kinesis["sequenceNumber"],
        "arrived": kinesis["approximateArrivalTimestamp"],
        "data": data,
    }
    key = f"{PREFIX}{quote(kinesis['partitionKey'], safe='')}/{kinesis['sequenceNumber']}.json"
    S3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(body).encode(), ContentType="application/json")
