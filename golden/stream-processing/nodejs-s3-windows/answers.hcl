# Node.js, aggregating each five minutes per shard into an S3 bucket.
blueprint         = "stream-processing"
runtime           = "nodejs22.x"
sink              = "s3"
tumbling_window_s = 300
