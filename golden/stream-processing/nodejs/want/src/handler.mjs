// Writes the records of a Kinesis data stream to a DynamoDB table.
//
// Each record is written as one item: pk is its partition key, sk its
// sequence number, so a batch processed twice writes the same data
// again. On a failure the function stops and reports that record
// (ReportBatchItemFailures): Lambda retries from it.
// Only the AWS SDK v3, which the Node.js runtime ships, is imported: the
// package needs no build step.

import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

// Created once per execution environment, then reused by warm invocations.
const db = new DynamoDBClient({});
const { TABLE_NAME } = process.env;

export const handler = async (event) => {
  for (const record of event.Records ?? []) {
    try {
      await write(record.kinesis);
    } catch (err) {
      console.error(JSON.stringify({ message: "record not written", sequence_number: record.kinesis.sequenceNumber, error: String(err) }));
      return { batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
};

async function write(kinesis) {
  const data = Buffer.from(kinesis.data, "base64").toString("utf8");
  await db.send(new PutItemCommand({
    TableName: TABLE_NAME,
    Item: {
      pk: { S: kinesis.partitionKey },
      sk: { S: kinesis.sequenceNumber },
      arrived: { S: String(kinesis.approximateArrivalTimestamp) },
      data: { S: data },
    },
  }));
}
