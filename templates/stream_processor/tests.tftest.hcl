assert {
  condition     = one(aws_lambda_function.processor.tracing_config).mode == "Active" && one(aws_lambda_function.processor.logging_config).log_format == "JSON"
  error_message = "The function must trace with X-Ray and log JSON lines."
}

assert {
  condition     = aws_lambda_event_source_mapping.stream.maximum_retry_attempts == var.maximum_retry_attempts && aws_lambda_event_source_mapping.stream.maximum_record_age_in_seconds == var.maximum_record_age_s
  error_message = "The event source mapping must bound retries and record age as answered."
}

assert {
  condition     = contains(aws_lambda_event_source_mapping.stream.function_response_types, "ReportBatchItemFailures")
  error_message = "The handler reports partial batch failures: the mapping must ask for them."
}

assert {
  condition     = aws_sqs_queue.failures.kms_data_key_reuse_period_seconds > 0
  error_message = "The failure queue must be encrypted with the module's key."
}

assert {
  condition     = aws_cloudwatch_metric_alarm.iterator_age.threshold == var.iterator_age_alarm_s * 1000 && length(aws_cloudwatch_metric_alarm.failures.alarm_actions) == 1
  error_message = "The alarms must watch the iterator age (in milliseconds) and the failure queue, and notify the topic."
}
