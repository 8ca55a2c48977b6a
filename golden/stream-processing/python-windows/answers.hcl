# Python, aggregating each minute per shard into the DynamoDB table.
blueprint         = "stream-processing"
tumbling_window_s = 60
