output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key that encrypts this module's logs and data."
  value       = aws_kms_key.main.arn
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.main.id
}

output "public_subnet_ids" {
  description = "IDs of the public subnets, one per availability zone."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets, one per availability zone."
  value       = aws_subnet.private[*].id
}

output "log_bucket_name" {
  description = "Name of the S3 bucket that receives the access logs."
  value       = aws_s3_bucket.logs.id
}

output "alb_dns_name" {
  description = "DNS name of the load balancer; point a CNAME (or an alias record) for your domain at it."
  value       = aws_lb.main.dns_name
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.main.arn
}

output "alb_zone_id" {
  description = "Route 53 hosted zone ID of the load balancer, for an alias record."
  value       = aws_lb.main.zone_id
}

output "target_group_arns" {
  description = "ARNs of the target groups, by service name."
  value       = { for name, tg in aws_lb_target_group.service : name => tg.arn }
}

output "app_url" {
  description = "URL of the application: the load balancer, over HTTPS, by alb_domain_name (or its own name when that is empty)."
  value       = "https://${coalesce(var.alb_domain_name, aws_lb.main.dns_name)}"
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster the services run in."
  value       = aws_ecs_cluster.main.name
}

output "efs_file_system_id" {
  description = "ID of the shared EFS file system; each service mounts its own directory of it at /mnt/shared."
  value       = aws_efs_file_system.shared.id
}

output "db_endpoint" {
  description = "Address and port of the database (host:port), reachable from the application's tasks only."
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

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region                 = var.region
    vpc_cidr               = var.vpc_cidr
    certificate_arn_set    = var.certificate_arn != ""
    enable_execute_command = var.enable_execute_command
    sticky_sessions        = var.sticky_sessions
    uploads_efs            = var.uploads_efs
    db_engine              = var.db_engine
    db_username            = var.db_username
    db_name                = var.db_name
  }
}
