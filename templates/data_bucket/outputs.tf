output "data_bucket_name" {
  description = "Name of the S3 bucket training data goes to (under data_prefix) and trained models come from (under model_prefix)."
  value       = aws_s3_bucket.data.id
}

output "data_prefix" {
  description = "Key prefix of the data bucket whose new objects each start a training job."
  value       = var.data_prefix
}

output "model_prefix" {
  description = "Key prefix of the data bucket each training job writes its model under, as <model_prefix><job ID>/model.tar.gz."
  value       = var.model_prefix
}
