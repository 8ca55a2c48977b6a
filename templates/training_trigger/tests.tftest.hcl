assert {
  condition     = one(aws_s3_bucket_notification.data.lambda_function).filter_prefix == var.data_prefix && contains(one(aws_s3_bucket_notification.data.lambda_function).events, "s3:ObjectCreated:*")
  error_message = "Objects created under the data prefix, and only there, must invoke the trigger."
}

assert {
  condition     = aws_lambda_permission.data.principal == "s3.amazonaws.com" && aws_lambda_permission.data.source_account == local.account_id
  error_message = "Only the data bucket of this account may invoke the trigger."
}

assert {
  condition     = one(aws_lambda_function.trigger.environment).variables.DATA_PREFIX == var.data_prefix && one(aws_lambda_function.trigger.tracing_config).mode == "Active"
  error_message = "The trigger must know the data prefix it submits jobs for, and trace with X-Ray."
}

assert {
  condition     = aws_sqs_queue.trigger_dlq.kms_data_key_reuse_period_seconds > 0 && length(aws_lambda_function.trigger.dead_letter_config) == 1
  error_message = "Objects whose job could not be submitted must land in the trigger's encrypted dead-letter queue."
}
