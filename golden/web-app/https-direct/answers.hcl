# HTTPS on the load balancer itself, no CloudFront: the certificate's own
# region, listeners open to the internet on 80 (redirect) and 443.
blueprint = "web-app"

name            = "direct"
certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
alb_domain_name = "app.direct.example.com"
cloudfront      = false
db_engine       = "postgres"
