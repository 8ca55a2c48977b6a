assert {
  condition     = one(aws_s3_bucket_versioning.source.versioning_configuration).status == "Enabled" && aws_s3_bucket_notification.source.eventbridge
  error_message = "The source bucket must be versioned (CodePipeline reads versions) and send its events to EventBridge."
}

assert {
  condition     = length(one(aws_s3_bucket_lifecycle_configuration.source.rule).expiration) == 0
  error_message = "The source object must never expire: the pipeline reads it on every run."
}
