output "endpoint_name" {
  description = "Name of the SageMaker endpoint the deployer creates with the first trained model and updates with each next one; it does not exist before."
  value       = local.sagemaker_endpoint_name
}

output "deployer_function_name" {
  description = "Name of the Lambda function that deploys each successfully trained model."
  value       = aws_lambda_function.deployer.function_name
}

output "deployer_log_group" {
  description = "CloudWatch log group of the deployer function (JSON lines: each deployment)."
  value       = aws_cloudwatch_log_group.deployer.name
}

output "deployer_dead_letter_queue_url" {
  description = "URL of the SQS queue that receives job events whose model could not be deployed after every retry."
  value       = aws_sqs_queue.deployer_dlq.url
}

output "sagemaker_execution_role_arn" {
  description = "ARN of the role SageMaker hosts the models with (reads the model prefix, pulls the inference image)."
  value       = aws_iam_role.sagemaker.arn
}
