output "curated_bucket_name" {
  description = "Name of the S3 bucket the Glue job writes Parquet to (under curated_prefix)."
  value       = aws_s3_bucket.curated.id
}

output "curated_prefix" {
  description = "Key prefix of the curated bucket that holds the Parquet files."
  value       = var.curated_prefix
}
