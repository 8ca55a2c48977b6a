output "landing_bucket_name" {
  description = "Name of the S3 bucket uploads go to (under incoming_prefix)."
  value       = aws_s3_bucket.landing.id
}

output "incoming_prefix" {
  description = "Key prefix of the landing bucket whose new objects are validated and processed."
  value       = var.incoming_prefix
}

output "quarantine_prefix" {
  description = "Key prefix of the landing bucket rejected uploads are moved to."
  value       = var.quarantine_prefix
}
