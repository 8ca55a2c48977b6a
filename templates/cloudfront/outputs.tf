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
