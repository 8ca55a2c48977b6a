# Node.js, one JSON object per record in an S3 bucket.
blueprint = "stream-processing"
runtime   = "nodejs22.x"
sink      = "s3"
