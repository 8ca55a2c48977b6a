output "output_bucket_name" {
  description = "Name of the S3 bucket the job writes its results to (the OUTPUT_BUCKET variable of the job)."
  value       = aws_s3_bucket.output.id
}

output "output_bucket_arn" {
  description = "ARN of the S3 bucket the job writes its results to."
  value       = aws_s3_bucket.output.arn
}
