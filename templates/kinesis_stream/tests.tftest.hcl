assert {
  condition     = aws_kinesis_stream.main.encryption_type == "KMS"
  error_message = "The stream must be encrypted with KMS (the module's key)."
}

assert {
  condition     = aws_kinesis_stream.main.retention_period == var.retention_hours && one(aws_kinesis_stream.main.stream_mode_details).stream_mode == var.stream_mode
  error_message = "The stream must keep records for retention_hours, in stream_mode."
}
