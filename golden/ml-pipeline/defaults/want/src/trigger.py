"""Submits one training job to the Batch queue for each new object under the data prefix.

S3 invokes this function for every object created under DATA_PREFIX. For
each, it submits a job of JOB_DEFINITION to JOB_QUEUE whose container finds
the object in its environment, INPUT_BUCKET and INPUT_KEY.

Environment overrides rather than Batch parameters: parameters only replace
Ref::name placeholders in the job definition's command, which here is the
training command run by sh -c, so the key would be spliced into shell text
(a key may hold spaces, quotes or $). An environment variable reaches the
job as data, never parsed by the shell. Only boto3, which the Python
runtime ships, is imported.
"""

import json
import logging
import os
import re
import urllib.parse

import boto3

BATCH = boto3.client("batch")

JOB_QUEUE = os.environ["JOB_QUEUE"]
JOB_DEFINITION = os.environ["JOB_DEFINITION"]
DATA_PREFIX = os.environ["DATA_PREFIX"]

# Batch job names: up to 128 letters, digits, hyphens and underscores,
# beginning with a letter or digit (API SubmitJob, jobName).
JOB_NAME_MAX = 128

logger = logging.getLogger()


def job_name(key):
    """A job name that says which object the job trains on, as far as Batch allows."""
    rest = re.sub(r"[^A-Za-z0-9_-]+", "-", key[len(DATA_PREFIX):]).strip("-_")
    return ("train-" + rest)[:JOB_NAME_MAX].rstrip("-_") or "train"


def handler(event, context):
    jobs = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        # S3 URL-encodes keys in events (a space arrives as +).
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        # A console "folder" is an empty object whose key ends in /: no data.
        if not key.startswith(DATA_PREFIX) or key.endswith("/"):
            continue
        job = BATCH.submit_job(
            jobName=job_name(key),
            jobQueue=JOB_QUEUE,
            jobDefinition=JOB_DEFINITION,
            containerOverrides={
                "environment": [
                    {"name": "INPUT_BUCKET", "value": bucket},
                    {"name": "INPUT_KEY", "value": key},
                ]
            },
        )
        logger.info(json.dumps({"key": key, "job_id": job["jobId"], "job_name": job["jobName"]}))
        jobs.append({"key": key, "job_id": job["jobId"]})
    return {"jobs": jobs}
