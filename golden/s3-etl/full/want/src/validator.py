"""Checks each upload under the incoming prefix, then starts the Glue job for it.

S3 invokes this function for every object created under INCOMING_PREFIX. An
object larger than MAX_OBJECT_BYTES, or whose key does not end in one of
ALLOWED_FORMATS, is moved to QUARANTINE_PREFIX (copied, then deleted);
any other starts a run of GLUE_JOB_NAME with the key as --source_key. The
job queues runs, so a burst of uploads is processed in turn. Only boto3,
which the Python runtime ships, is imported.
"""

import json
import logging
import os
import urllib.parse

import boto3
from boto3.s3.transfer import TransferConfig

S3 = boto3.client("s3")
# One CopyObject request copies at most 5 GB, and a reject can be larger
# than that: the managed copy moves big objects in parts (UploadPartCopy,
# inside S3), 256 MiB each, ten at a time.
MOVE = TransferConfig(multipart_threshold=256 * 2**20, multipart_chunksize=256 * 2**20, max_concurrency=10)
GLUE = boto3.client("glue")

GLUE_JOB_NAME = os.environ["GLUE_JOB_NAME"]
INCOMING_PREFIX = os.environ["INCOMING_PREFIX"]
QUARANTINE_PREFIX = os.environ["QUARANTINE_PREFIX"]
MAX_OBJECT_BYTES = int(os.environ["MAX_OBJECT_BYTES"])
ALLOWED_FORMATS = [f for f in os.environ["ALLOWED_FORMATS"].split(",") if f]

logger = logging.getLogger()


def rejection(key, size):
    """Why the object must not be processed, or None."""
    if size > MAX_OBJECT_BYTES:
        return f"{size} bytes, more than the {MAX_OBJECT_BYTES} accepted"
    suffix = key.rsplit(".", 1)[-1].lower() if "." in key.rsplit("/", 1)[-1] else ""
    if suffix not in ALLOWED_FORMATS:
        return f"type {suffix or '(none)'} is not one of {','.join(ALLOWED_FORMATS)}"
    return None


def quarantine(bucket, key):
    """Moves the object under the quarantine prefix, keeping its path."""
    target = QUARANTINE_PREFIX + key[len(INCOMING_PREFIX):]
    S3.copy({"Bucket": bucket, "Key": key}, bucket, target, Config=MOVE)
    S3.delete_object(Bucket=bucket, Key=key)
    return target


def handler(event, context):
    results = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        # S3 URL-encodes keys in events (a space arrives as +).
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        size = int(record["s3"]["object"].get("size", 0))
        if not key.startswith(INCOMING_PREFIX):
            continue
        reason = rejection(key, size)
        if reason:
            target = quarantine(bucket, key)
            logger.warning(json.dumps({"decision": "quarantined", "key": key, "to": target, "reason": reason}))
            results.append({"key": key, "quarantined": target})
            continue
        run = GLUE.start_job_run(JobName=GLUE_JOB_NAME, Arguments={"--source_key": key})
        logger.info(json.dumps({"decision": "accepted", "key": key, "job_run_id": run["JobRunId"]}))
        results.append({"key": key, "job_run_id": run["JobRunId"]})
    return {"results": results}
