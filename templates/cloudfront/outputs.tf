output "app_url" {
  description = "URL of the application: the CloudFront domain when CloudFront is on, else the load balancer (over HTTPS, by alb_domain_name, when a certificate is set)."
  value       = var.cloudfront ? "https://${aws_cloudfront_distribution.main[0].domain_name}" : local.alb_https ? "https://${coalesce(var.alb_domain_name, aws_lb.main.dns_name)}" : "http://${aws_lb.main.dns_name}"
}

output "cloudfront_domain_name" {
  description = "Domain name of the CloudFront distribution; null when CloudFront is off."
  value       = one(aws_cloudfront_distribution.main[*].domain_name)
}

output "cloudfront_distribution_id" {
  description = "ID of the CloudFront distribution, for cache invalidations; null when CloudFront is off."
  value       = one(aws_cloudfront_distribution.main[*].id)
}
