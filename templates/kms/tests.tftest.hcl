assert {
  condition     = aws_kms_key.main.enable_key_rotation
  error_message = "The module's KMS key must rotate yearly."
}
