output "source_bucket_name" {
  description = "Name of the versioned S3 bucket holding the pipeline's source object; a new version of it starts the pipeline."
  value       = aws_s3_bucket.source.id
}

output "source_object_key" {
  description = "Key of the source object (a zip of the code) in the source bucket."
  value       = var.source_object_key
}
