output "source_connection_arn" {
  description = "ARN of the CodeConnections connection to the repository; complete its handshake in the console (it stays PENDING until then)."
  value       = aws_codeconnections_connection.source.arn
}

output "source_connection_status" {
  description = "Status of the connection: PENDING until a person completes the handshake with the Git provider, then AVAILABLE."
  value       = aws_codeconnections_connection.source.connection_status
}
