assert {
  condition     = one(aws_lambda_function.integration_tests.tracing_config).mode == "Active" && one(aws_lambda_function.integration_tests.logging_config).log_format == "JSON" && aws_cloudwatch_log_group.integration_tests.retention_in_days == local.log_retention_days
  error_message = "The integration-test function must trace with X-Ray and log JSON lines to its own log group, with a retention period."
}

assert {
  condition     = aws_lambda_function.integration_tests.environment[0].variables.JOB_QUEUE == local.batch_job_queue_arn
  error_message = "The integration tests must be submitted to the module's Batch queue."
}
