// Reads and writes items of one DynamoDB table for an HTTP API.
//
// GET /items/{id}   returns the item, or 404.
// PUT /items/{id}   stores the JSON object in the body as the item.
//
// With a sort key the paths are /items/{id}/{sort}. The key values always
// come from the path, never from the body, so a caller cannot write under
// another key than the one it names. Only the AWS SDK v3, which the Node.js
// runtime ships, is imported: the package needs no build step.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";

// Created once per execution environment, then reused by warm invocations.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const { TABLE_NAME, PARTITION_KEY, SORT_KEY = "" } = process.env;

export const handler = async (event) => {
  const params = event.pathParameters ?? {};
  const key = { [PARTITION_KEY]: params.id ?? "" };
  if (SORT_KEY) {
    key[SORT_KEY] = params.sort ?? "";
  }
  if (Object.values(key).some((v) => v === "")) {
    return respond(404, { message: "no such route" });
  }

  switch (event.requestContext.http.method) {
    case "GET": {
      const { Item } = await db.send(new GetCommand({ TableName: TABLE_NAME, Key: key }));
      return Item ? respond(200, Item) : respond(404, { message: "item not found" });
    }
    case "PUT": {
      let body;
      try {
        body = JSON.parse(readBody(event));
      } catch {
        return respond(400, { message: "the body must be JSON" });
      }
      if (body === null || typeof body !== "object" || Array.isArray(body)) {
        return respond(400, { message: "the body must be a JSON object" });
      }
      const item = { ...body, ...key };
      await db.send(new PutCommand({ TableName: TABLE_NAME, Item: item }));
      console.info("item stored", { key });
      return respond(200, item);
    }
    default:
      return respond(405, { message: "method not allowed" });
  }
};

// API Gateway base64-encodes bodies whose content type is not text.
function readBody(event) {
  const body = event.body ?? "";
  return event.isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
}

function respond(statusCode, payload) {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  };
}
