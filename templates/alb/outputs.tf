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
  description = "ARN of the target group the instances register in."
  value       = aws_lb_target_group.app.arn
}
