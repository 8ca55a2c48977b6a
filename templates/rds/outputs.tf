output "db_endpoint" {
  description = "Address and port of the database (host:port), reachable from the web servers only."
  value       = aws_db_instance.main.endpoint
}

output "db_address" {
  description = "Host name of the database."
  value       = aws_db_instance.main.address
}

output "db_port" {
  description = "Port of the database."
  value       = aws_db_instance.main.port
}

output "db_master_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the database master user name and password."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "db_security_group_id" {
  description = "ID of the database's security group."
  value       = aws_security_group.db.id
}
