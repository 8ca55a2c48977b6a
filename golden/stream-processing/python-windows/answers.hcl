# Python, aggregating each five minutes per shard into an S3 bucket.
blueprint         = "stream-processing"
sink              = "s3"
tumbling_window_s = 300
