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

output "target_group_arn" {
  description = "ARN of the target group the application's targets register in."
  value       = aws_lb_target_group.app.arn
}

output "asg_name" {
  description = "Name of the Auto Scaling Group; start an instance refresh on it after changing the application."
  value       = aws_autoscaling_group.app.name
}

output "instance_role_name" {
  description = "Name of the IAM role of the instances; attach the policies your application needs to it."
  value       = aws_iam_role.instance.name
}

output "instance_security_group_id" {
  description = "ID of the instances' security group."
  value       = aws_security_group.instance.id
}

output "app_url" {
  description = "URL of the application: the CloudFront distribution's domain."
  value       = "https://${aws_cloudfront_distribution.main.domain_name}"
}

output "cloudfront_domain_name" {
  description = "Domain name of the CloudFront distribution."
  value       = aws_cloudfront_distribution.main.domain_name
}

output "cloudfront_distribution_id" {
  description = "ID of the CloudFront distribution, for cache invalidations."
  value       = aws_cloudfront_distribution.main.id
}

output "shape" {
  description = "The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."
  value = {
    region              = var.region
    vpc_cidr            = var.vpc_cidr
    certificate_arn_set = var.certificate_arn != ""
    cloudfront          = var.cloudfront
    db_engine           = var.db_engine
  }
}
