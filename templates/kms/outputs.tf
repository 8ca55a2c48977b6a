output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts this module's logs and data."
  value       = aws_kms_key.main.arn
}
