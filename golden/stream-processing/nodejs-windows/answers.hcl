# Node.js, aggregating each minute per shard into the DynamoDB table.
blueprint         = "stream-processing"
runtime           = "nodejs22.x"
tumbling_window_s = 60
