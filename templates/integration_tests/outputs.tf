output "integration_tests_function_name" {
  description = "Name of the Lambda function that submits the integration tests to Batch and reports their result to the pipeline."
  value       = aws_lambda_function.integration_tests.function_name
}

output "integration_tests_log_group" {
  description = "CloudWatch log group of that function (JSON lines: each job submitted and its end)."
  value       = aws_cloudwatch_log_group.integration_tests.name
}
