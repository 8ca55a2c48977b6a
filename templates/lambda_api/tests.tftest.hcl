assert {
  condition     = one(aws_lambda_function.api.tracing_config).mode == "Active"
  error_message = "The function must trace requests with X-Ray."
}

assert {
  condition     = aws_cloudwatch_log_group.lambda.retention_in_days == local.log_retention_days && one(aws_lambda_function.api.logging_config).log_format == "JSON"
  error_message = "The function must log JSON lines to its own log group, with a retention period."
}

assert {
  condition     = aws_sqs_queue.dlq.kms_data_key_reuse_period_seconds > 0 && aws_lambda_function.api.runtime == var.runtime
  error_message = "The dead-letter queue must be encrypted with the module's key, and the function must run var.runtime."
}
