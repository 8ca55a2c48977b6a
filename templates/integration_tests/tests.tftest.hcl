assert {
  condition     = one(aws_lambda_function.integration_tests.tracing_config).mode == "Active" && one(aws_lambda_function.integration_tests.logging_config).log_format == "JSON" && aws_cloudwatch_log_group.integration_tests.retention_in_days == local.log_retention_days
  error_message = "The integration-test function must trace with X-Ray and log JSON lines to its own log group, with a retention period."
}

assert {
  condition     = alltrue([for k in ["JOB_QUEUE", "JOB_DEFINITION", "JOB_NAME"] : contains(keys(one(aws_lambda_function.integration_tests.environment).variables), k)])
  error_message = "The integration-test function must know the Batch queue, job definition and job name it submits to."
}
