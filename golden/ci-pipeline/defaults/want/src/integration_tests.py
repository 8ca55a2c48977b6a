"""The IntegrationTests action of the pipeline (CodePipeline Lambda invoke).

CodePipeline calls the function with a job. On the first call (no
continuation token) it submits the Batch job, giving it the build artifact's
S3 location in ARTIFACT_BUCKET and ARTIFACT_KEY, and answers success with
the Batch job id as continuation token: CodePipeline then calls again, with
that token, until an answer carries none. Each later call reads the job's
status: still queued or running, the same token again; SUCCEEDED, success
without a token (the action succeeds); FAILED, a failure result (the action,
and the pipeline execution, fail).
https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html
"""
import json
import logging
import os

import boto3

log = logging.getLogger()
log.setLevel(logging.INFO)

batch = boto3.client("batch")
codepipeline = boto3.client("codepipeline")

# CodePipeline keeps at most this many characters of a failure message.
MAX_MESSAGE = 5000


def _submit(job_id, data):
    location = data["inputArtifacts"][0]["location"]["s3Location"]
    submitted = batch.submit_job(
        jobName=os.environ["JOB_NAME"],
        jobQueue=os.environ["JOB_QUEUE"],
        jobDefinition=os.environ["JOB_DEFINITION"],
        containerOverrides={
            "environment": [
                {"name": "ARTIFACT_BUCKET", "value": location["bucketName"]},
                {"name": "ARTIFACT_KEY", "value": location["objectKey"]},
                {"name": "PIPELINE_JOB_ID", "value": job_id},
            ]
        },
    )
    batch_job = submitted["jobId"]
    log.info(json.dumps({"pipelineJob": job_id, "batchJob": batch_job, "status": "SUBMITTED"}))
    codepipeline.put_job_success_result(
        jobId=job_id,
        continuationToken=batch_job,
        executionDetails={"summary": f"Batch job {batch_job} submitted", "externalExecutionId": batch_job},
    )


def _follow(job_id, batch_job):
    jobs = batch.describe_jobs(jobs=[batch_job])["jobs"]
    if not jobs:
        _fail(job_id, f"Batch job {batch_job} is unknown (older than Batch keeps jobs?)", batch_job)
        return
    job = jobs[0]
    status = job["status"]
    log.info(json.dumps({"pipelineJob": job_id, "batchJob": batch_job, "status": status}))
    if status == "SUCCEEDED":
        codepipeline.put_job_success_result(
            jobId=job_id,
            executionDetails={"summary": f"Batch job {batch_job} succeeded", "externalExecutionId": batch_job},
        )
    elif status == "FAILED":
        _fail(job_id, f"Batch job {batch_job} failed: {job.get('statusReason', 'no reason given')}", batch_job)
    else:
        codepipeline.put_job_success_result(
            jobId=job_id,
            continuationToken=batch_job,
            executionDetails={"summary": f"Batch job {batch_job} is {status}", "externalExecutionId": batch_job},
        )


def _fail(job_id, message, batch_job=None):
    details = {"type": "JobFailed", "message": message[:MAX_MESSAGE]}
    if batch_job:
        details["externalExecutionId"] = batch_job
    codepipeline.put_job_failure_result(jobId=job_id, failureDetails=details)


def handler(event, context):
    job = event["CodePipeline.job"]
    job_id = job["id"]
    data = job["data"]
    try:
        token = data.get("continuationToken")
        if token:
            _follow(job_id, token)
        else:
            _submit(job_id, data)
    except Exception as err:  # any error must end the action, or it waits for its timeout
        log.exception("integration tests action failed")
        _fail(job_id, f"{type(err).__name__}: {err}")
