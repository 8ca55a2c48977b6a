output "artifact_bucket_name" {
  description = "Name of the S3 bucket holding the pipeline's artifacts and CodeBuild's cache."
  value       = aws_s3_bucket.artifacts.id
}
