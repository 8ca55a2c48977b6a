output "log_bucket_name" {
  description = "Name of the S3 bucket that receives the access logs."
  value       = aws_s3_bucket.logs.id
}
