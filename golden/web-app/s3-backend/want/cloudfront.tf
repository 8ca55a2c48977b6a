# CloudFront in front of the application (P1): viewers connect to a nearby
# edge over HTTPS, static content is served from the edge cache, and the
# origin accepts connections from CloudFront only.
#
# Reads: local.alb_origin (the origin: domain_name and https) and
# local.log_bucket_domain_name.

locals {
  # AWS-managed CloudFront policies. Their IDs are the same in every account
  # and documented by AWS, so no lookup (and no permission to list policies)
  # is needed.
  cloudfront_policy_ids = {
    # Dynamic pages must never be served from cache to another user.
    caching_disabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled
    # Long-lived, compressed caching for versioned static files.
    caching_optimized = "658327ea-f89d-4fab-a63d-7e88639e58f6" # Managed-CachingOptimized
    # Forwards headers, cookies and query strings to the application, except
    # Host: CloudFront sends the origin's own name, the one its TLS
    # certificate is checked against.
    all_viewer_except_host = "b689b0a8-53d0-40ab-baf2-68738e2966ac" # Managed-AllViewerExceptHostHeader
    # HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy,
    # X-XSS-Protection on every response.
    security_headers = "67f7725c-6f97-4210-82d7-5512b31e9d03" # Managed-SecurityHeadersPolicy
  }
}

# No WAF web ACL yet: it is optional and billed per rule and request; a later
# version of this blueprint decides whether to attach one.
#trivy:ignore:AVD-AWS-0011
resource "aws_cloudfront_distribution" "main" {
  enabled         = true
  comment         = "${local.prefix}: edge in front of the application"
  is_ipv6_enabled = true
  http_version    = "http2and3"
  # North America and Europe only: the cheapest edge locations. Viewers
  # elsewhere are still served, from the nearest of these.
  price_class = "PriceClass_100"

  origin {
    origin_id   = "app"
    domain_name = local.alb_origin.domain_name

    custom_origin_config {
      http_port  = 80
      https_port = 443
      # Without a certificate the hop from the edge to the load balancer is
      # plain HTTP (viewers still get HTTPS from CloudFront): acceptable for
      # a first test only; set certificate_arn before real users arrive.
      origin_protocol_policy = local.alb_origin.https ? "https-only" : "http-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id           = "app"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.cloudfront_policy_ids.caching_disabled
    origin_request_policy_id   = local.cloudfront_policy_ids.all_viewer_except_host
    response_headers_policy_id = local.cloudfront_policy_ids.security_headers
  }

  # Files under /static/ are cached at the edge for up to a year: give them
  # versioned names (app.3f9c2.js) so a new release is a new URL.
  ordered_cache_behavior {
    path_pattern               = "/static/*"
    target_origin_id           = "app"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.cloudfront_policy_ids.caching_optimized
    response_headers_policy_id = local.cloudfront_policy_ids.security_headers
  }

  # local.log_bucket_domain_name is known only once the bucket's policy and
  # ownership setting let CloudFront write through its ACL grant.
  logging_config {
    bucket          = local.log_bucket_domain_name
    prefix          = "cloudfront/"
    include_cookies = false
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # The *.cloudfront.net certificate comes with a fixed security policy that
  # still admits TLS 1.0 for old clients; CloudFront rejects any other
  # minimum_protocol_version with it. Serving your own domain (aliases and a
  # us-east-1 ACM certificate) lets you require TLSv1.2_2021.
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
