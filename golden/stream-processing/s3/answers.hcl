# The other sink: one JSON object per record in an S3 bucket, Python.
blueprint = "stream-processing"
sink      = "s3"
