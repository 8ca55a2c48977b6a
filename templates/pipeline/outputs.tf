output "pipeline_name" {
  description = "Name of the CodePipeline pipeline."
  value       = aws_codepipeline.main.name
}

output "pipeline_topic_arn" {
  description = "ARN of the encrypted SNS topic that receives the pipeline's notifications and alarms; subscribe to it."
  value       = aws_sns_topic.pipeline.arn
}

output "artifact_prefix" {
  description = "Key prefix of this pipeline's artifacts in the artifact bucket (the first 20 characters of its name)."
  value       = local.pipeline_artifact_prefix
}
