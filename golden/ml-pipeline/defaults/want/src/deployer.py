"""Deploys the model of each training job that succeeded to the SageMaker endpoint.

EventBridge invokes this function with the Batch Job State Change event of
each job of the module's queue and job definition that SUCCEEDED. The
training job's contract is to write its model, a model.tar.gz as SageMaker
expects it, to s3://MODEL_BUCKET/MODEL_PREFIX<job ID>/model.tar.gz. The
function then:

1. lists the artefact's key to see that it exists (a job that wrote none is logged and
   skipped, and the endpoint keeps its model);
2. creates a SageMaker model, MODEL_NAME_PREFIX + the job ID's first 12 hex
   digits, serving it with INFERENCE_IMAGE as EXECUTION_ROLE_ARN;
3. creates an endpoint configuration for it (CONFIG_NAME_PREFIX + the same
   digits): serverless (memory, max concurrency) or instances (type,
   count), with KMS_KEY_ID when it is not empty;
4. creates ENDPOINT_NAME with it when the endpoint does not exist yet, or
   rolls the endpoint to it when it does.

Names follow from the job ID, so an event delivered twice changes nothing.
Everything it creates is tagged with the function's name and the job ID,
so it can be found and deleted: Terraform does not know these resources.
Only boto3, which the Python runtime ships, is imported.
"""

import json
import logging
import os

import boto3
from botocore.exceptions import ClientError

S3 = boto3.client("s3")
SAGEMAKER = boto3.client("sagemaker")

ENDPOINT_NAME = os.environ["ENDPOINT_NAME"]
MODEL_NAME_PREFIX = os.environ["MODEL_NAME_PREFIX"]
CONFIG_NAME_PREFIX = os.environ["CONFIG_NAME_PREFIX"]
EXECUTION_ROLE_ARN = os.environ["EXECUTION_ROLE_ARN"]
INFERENCE_IMAGE = os.environ["INFERENCE_IMAGE"]
MODEL_BUCKET = os.environ["MODEL_BUCKET"]
MODEL_PREFIX = os.environ["MODEL_PREFIX"]
KMS_KEY_ID = os.environ.get("KMS_KEY_ID", "")
ENDPOINT_KIND = os.environ["ENDPOINT_KIND"]

# The one variant of every configuration: updating the endpoint replaces it.
VARIANT = "AllTraffic"
# The tag every resource the deployer creates carries, valued with the
# function's name; the README's cleanup commands look for it.
CREATED_BY_TAG = "scaffold:created-by"

logger = logging.getLogger()


def model_key(job_id):
    """Where the training job writes its model: the contract between the two."""
    return f"{MODEL_PREFIX}{job_id}/model.tar.gz"


def variant(model_name):
    v = {"VariantName": VARIANT, "ModelName": model_name}
    if ENDPOINT_KIND == "serverless":
        v["ServerlessConfig"] = {
            "MemorySizeInMB": int(os.environ["SERVERLESS_MEMORY_MB"]),
            "MaxConcurrency": int(os.environ["SERVERLESS_MAX_CONCURRENCY"]),
        }
    else:
        v["InstanceType"] = os.environ["INSTANCE_TYPE"]
        v["InitialInstanceCount"] = int(os.environ["INSTANCE_COUNT"])
    return v


def already_exists(err):
    """SageMaker's answer to creating a model or configuration a second time."""
    e = err.response.get("Error", {})
    return e.get("Code") == "ValidationException" and "already existing" in e.get("Message", "")


def current_config(name):
    """The endpoint's configuration name, or None when the endpoint does not exist."""
    try:
        return SAGEMAKER.describe_endpoint(EndpointName=name)["EndpointConfigName"]
    except ClientError as err:
        e = err.response.get("Error", {})
        if e.get("Code") == "ValidationException" and "Could not find endpoint" in e.get("Message", ""):
            return None
        raise


def artefact_exists(key):
    """Whether the job wrote its model. Listed, not HeadObject: without
    s3:ListBucket S3 answers HeadObject of a missing key 403, not 404, and
    the role may list only the model prefix (s3:prefix), which HeadObject
    does not carry."""
    listed = S3.list_objects_v2(Bucket=MODEL_BUCKET, Prefix=key, MaxKeys=1)
    return any(o.get("Key") == key for o in listed.get("Contents", []))


def handler(event, context):
    detail = event.get("detail", {})
    if detail.get("status") != "SUCCEEDED":
        return {"deployed": False, "reason": "not a succeeded job"}
    job_id = detail["jobId"]
    key = model_key(job_id)
    if not artefact_exists(key):
        logger.warning(json.dumps({"job_id": job_id, "deployed": False, "reason": f"no model at s3://{MODEL_BUCKET}/{key}"}))
        return {"deployed": False, "reason": "no model artefact"}

    suffix = job_id.replace("-", "")[:12]
    model_name = MODEL_NAME_PREFIX + suffix
    config_name = CONFIG_NAME_PREFIX + suffix
    created_by = getattr(context, "function_name", None) or os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "deployer")
    tags = [{"Key": CREATED_BY_TAG, "Value": created_by}, {"Key": "scaffold:training-job-id", "Value": job_id}]

    try:
        SAGEMAKER.create_model(
            ModelName=model_name,
            ExecutionRoleArn=EXECUTION_ROLE_ARN,
            PrimaryContainer={"Image": INFERENCE_IMAGE, "ModelDataUrl": f"s3://{MODEL_BUCKET}/{key}"},
            Tags=tags,
        )
    except ClientError as err:
        if not already_exists(err):
            raise

    config = {"EndpointConfigName": config_name, "ProductionVariants": [variant(model_name)], "Tags": tags}
    if KMS_KEY_ID:
        config["KmsKeyId"] = KMS_KEY_ID
    try:
        SAGEMAKER.create_endpoint_config(**config)
    except ClientError as err:
        if not already_exists(err):
            raise

    current = current_config(ENDPOINT_NAME)
    if current is None:
        SAGEMAKER.create_endpoint(EndpointName=ENDPOINT_NAME, EndpointConfigName=config_name, Tags=tags)
        action = "created"
    elif current == config_name:
        action = "unchanged"
    else:
        # An endpoint still creating or updating refuses this; the error
        # makes Lambda retry the event, then dead-letter it.
        SAGEMAKER.update_endpoint(EndpointName=ENDPOINT_NAME, EndpointConfigName=config_name)
        action = "updated"
    logger.info(json.dumps({"job_id": job_id, "model": model_name, "endpoint_config": config_name, "endpoint": ENDPOINT_NAME, "action": action}))
    return {"deployed": True, "action": action, "model": model_name, "endpoint_config": config_name}
