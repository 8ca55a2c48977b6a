// Writes the records of a Kinesis data stream to a DynamoDB table.
//
// Lambda invokes the function with each shard's records of a tumbling
// window, passing the state the previous invocation of that window
// returned; the function adds the records to it (a count and bytes per
// partition key) and, on the window's last invocation
// (isFinalInvokeForWindow), writes the window's aggregate as one item.
// Only the AWS SDK v3, which the Node.js runtime ships, is imported: the
// package needs no build step.

import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

// Created once per execution environment, then reused by warm invocations.
const db = new DynamoDBClient({});
const { TABLE_NAME } = process.env;

export const handler = async (event) => {
  const state = event.state ?? {};
  for (const record of event.Records ?? []) {
    const { partitionKey, data } = record.kinesis;
    const totals = (state[partitionKey] ??= { count: 0, bytes: 0 });
    totals.count += 1;
    totals.bytes += Buffer.from(data, "base64").length;
  }

  if (!event.isFinalInvokeForWindow) {
    // The state travels to the next invocation of this window (at most 1 MB).
    return { state, batchItemFailures: [] };
  }

  const { start, end } = event.window;
  const aggregate = {
    shard: event.shardId,
    window_start: start,
    window_end: end,
    terminated_early: event.isWindowTerminatedEarly ?? false,
    partition_keys: state,
  };
  await db.send(new PutItemCommand({
    TableName: TABLE_NAME,
    Item: {
      pk: { S: event.shardId },
      sk: { S: start },
      window_end: { S: end },
      aggregate: { S: JSON.stringify(aggregate) },
    },
  }));
  console.info(JSON.stringify({ message: "window aggregated", shard: event.shardId, window_start: start, keys: Object.keys(state).length }));
  return { state: {}, batchItemFailures: [] };
};
