assert {
  condition     = one(aws_s3_bucket_notification.landing.lambda_function).filter_prefix == var.incoming_prefix && contains(one(aws_s3_bucket_notification.landing.lambda_function).events, "s3:ObjectCreated:*")
  error_message = "Objects created under the incoming prefix, and only there, must invoke the validator."
}

assert {
  condition     = aws_lambda_permission.landing.principal == "s3.amazonaws.com" && aws_lambda_permission.landing.source_account == local.account_id
  error_message = "Only the landing bucket of this account may invoke the validator."
}

assert {
  condition     = one(aws_lambda_function.validator.tracing_config).mode == "Active" && one(aws_lambda_function.validator.logging_config).log_format == "JSON" && aws_cloudwatch_log_group.validator.retention_in_days == local.log_retention_days
  error_message = "The validator must trace with X-Ray and log JSON lines to its own log group, with a retention period."
}

assert {
  condition     = aws_sqs_queue.validator_dlq.kms_data_key_reuse_period_seconds > 0 && length(aws_lambda_function.validator.dead_letter_config) == 1
  error_message = "Failed checks must land in the validator's encrypted dead-letter queue."
}
