// Writes the records of a Kinesis data stream to an S3 bucket.
//
// Each record is written as one JSON object, keyed by its partition key
// and sequence number, so a batch processed twice writes the same data
// again. On a failure the function stops and reports that record
// (ReportBatchItemFailures): Lambda retries from it.
// Only the AWS SDK v3, which the Node.js runtime ships, is imported: the
// package needs no build step.

import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

// Created once per execution environment, then reused by warm invocations.
const s3 = new S3Client({});
const { OUTPUT_BUCKET, OUTPUT_PREFIX } = process.env;

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
  const body = {
    partition_key: kinesis.partitionKey,
    sequence_number: kinesis.sequenceNumber,
    arrived: kinesis.approximateArrivalTimestamp,
    data,
  };
  await s3.send(new PutObjectCommand({
    Bucket: OUTPUT_BUCKET,
    Key: `${OUTPUT_PREFIX}${encodeURIComponent(kinesis.partitionKey)}/${kinesis.sequenceNumber}.json`,
    Body: JSON.stringify(body),
    ContentType: "application/json",
  }));
}
