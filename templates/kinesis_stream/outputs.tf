output "stream_name" {
  description = "Name of the Kinesis data stream producers put records into."
  value       = aws_kinesis_stream.main.name
}

output "stream_arn" {
  description = "ARN of the Kinesis data stream, for the IAM policies of producers (kinesis:PutRecord, kinesis:PutRecords, and kms:GenerateDataKey on the module's key)."
  value       = aws_kinesis_stream.main.arn
}
