"""Writes the records of a Kinesis data stream to a DynamoDB table.

Each record is written as one item: pk is its partition key, sk its sequence
number, so a batch processed twice writes the same data again.
On a failure the function stops and reports that record
(ReportBatchItemFailures): Lambda retries from it, and records before it are
not processed again. Only boto3, which the Python runtime ships, is
imported: the package needs no build step.
"""

import base64
import logging
import os

import boto3

# Created once per execution environment, then reused by warm invocations.
TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])

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
    TABLE.put_item(
        Item={
            "pk": kinesis["partitionKey"],
            "sk": kinesis["sequenceNumber"],
            # Seconds since the epoch, as text: the table takes no floats.
            "arrived": str(kinesis["approximateArrivalTimestamp"]),
            "data": data,
        }
    )
