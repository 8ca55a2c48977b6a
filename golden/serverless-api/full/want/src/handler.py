"""Reads and writes items of one DynamoDB table for an HTTP API.

GET /items/{id}   returns the item, or 404.
PUT /items/{id}   stores the JSON object in the body as the item.

With a sort key the paths are /items/{id}/{sort}. The key values always come
from the path, never from the body, so a caller cannot write under another
key than the one it names. Only boto3, which the Python runtime ships, is
imported: the package needs no build step.
"""

import base64
import json
import logging
import os
from decimal import Decimal

import boto3

# Created once per execution environment, then reused by warm invocations.
TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
PARTITION_KEY = os.environ["PARTITION_KEY"]
SORT_KEY = os.environ.get("SORT_KEY", "")

logger = logging.getLogger()


def handler(event, context):
    params = event.get("pathParameters") or {}
    key = {PARTITION_KEY: params.get("id", "")}
    if SORT_KEY:
        key[SORT_KEY] = params.get("sort", "")
    if not all(key.values()):
        return respond(404, {"message": "no such route"})

    method = event["requestContext"]["http"]["method"]
    if method == "GET":
        item = TABLE.get_item(Key=key).get("Item")
        if item is None:
            return respond(404, {"message": "item not found"})
        return respond(200, item)

    if method == "PUT":
        try:
            # DynamoDB refuses floats: numbers must travel as Decimal.
            body = json.loads(read_body(event), parse_float=Decimal)
        except ValueError:
            return respond(400, {"message": "the body must be JSON"})
        if not isinstance(body, dict):
            return respond(400, {"message": "the body must be a JSON object"})
        item = {**body, **key}
        TABLE.put_item(Item=item)
        logger.info("item stored", extra={"key": key})
        return respond(200, item)

    return respond(405, {"message": "method not allowed"})


def read_body(event):
    body = event.get("body") or ""
    # API Gateway base64-encodes bodies whose content type is not text.
    if event.get("isBase64Encoded"):
        return base64.b64decode(body).decode("utf-8")
    return body


def respond(status, payload):
    return {
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(payload, default=from_decimal),
    }


def from_decimal(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
