output "bucket_name" {
  description = "Name of the state bucket, as backend.tf names it."
  value       = aws_s3_bucket.state.bucket
}

output "bucket_arn" {
  description = "ARN of the state bucket, for the IAM policies of those who run Terraform."
  value       = aws_s3_bucket.state.arn
}
