# The Application Load Balancer spreads requests over the healthy instances
# in every zone and terminates TLS; it is the only way in to the instances.

locals {
  # HTTPS needs a certificate; without one the module serves plain HTTP so
  # the stack can be tried before a domain exists.
  alb_https = var.certificate_arn != ""

  # Behind CloudFront with HTTPS, CloudFront only ever talks to port 443, so
  # port 80 stays closed; otherwise port 80 serves (or redirects) viewers.
  # Behind CloudFront exactly one port is open either way, which matters:
  # its prefix list counts as about 55 of the 60 rules a group may hold.
  alb_open_http = !(var.cloudfront && local.alb_https)
}

# A public web application needs an internet-facing load balancer; only the
# listeners below are exposed, and instances stay in private subnets.
#trivy:ignore:AVD-AWS-0053
resource "aws_lb" "main" {
  name               = "${local.prefix}-alb"
  load_balancer_type = "application"
  internal           = false
  security_groups    = [aws_security_group.alb.id]
  subnets            = aws_subnet.public[*].id

  # Malformed headers are a request smuggling vector; the application never
  # needs them.
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "defensive"
  enable_deletion_protection = var.deletion_protection

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    prefix  = "alb"
    enabled = true
  }

  # The load balancer checks that it may write to the bucket when logging is
  # turned on, so the bucket policy must exist first.
  depends_on = [aws_s3_bucket_policy.logs]
}

resource "aws_lb_target_group" "app" {
  name     = "${local.prefix}-app"
  port     = var.app_port
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id

  # Connections in flight get this long to finish when an instance leaves;
  # the 300-second default slows every deployment and scale-in.
  deregistration_delay = 30

  health_check {
    enabled             = true
    path                = var.health_check_path
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200-399"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# Without a certificate this listener serves the application over plain
# HTTP (a first test, see the README); with one it only redirects to HTTPS.
#trivy:ignore:AVD-AWS-0054
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.alb_https ? "redirect" : "forward"
    target_group_arn = local.alb_https ? null : aws_lb_target_group.app.arn

    dynamic "redirect" {
      for_each = local.alb_https ? [443] : []

      content {
        port        = tostring(redirect.value)
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_lb_listener" "https" {
  count = local.alb_https ? 1 : 0

  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  # TLS 1.3 and 1.2 with forward-secret ciphers only.
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_security_group" "alb" {
  name        = "${local.prefix}-alb"
  description = "Load balancer of ${local.prefix}: web traffic in, application port out to the instances"
  vpc_id      = aws_vpc.main.id

  tags = {
    Name = "${local.prefix}-alb"
  }
}

# CloudFront reaches origins from the addresses in this AWS-managed list, so
# with CloudFront on, the load balancer accepts nobody else and cannot be
# used to bypass the edge.
data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.cloudfront ? 1 : 0

  name = "com.amazonaws.global.cloudfront.origin-facing"
}

# Without CloudFront, viewers come from anywhere on the internet: that is the
# point of a public web application.
#trivy:ignore:AVD-AWS-0107
resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  count = local.alb_open_http ? 1 : 0

  security_group_id = aws_security_group.alb.id
  description       = var.cloudfront ? "HTTP from CloudFront origin-facing servers" : "HTTP from the internet"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = var.cloudfront ? null : "0.0.0.0/0"
  prefix_list_id    = var.cloudfront ? data.aws_ec2_managed_prefix_list.cloudfront[0].id : null
}

# HTTPS, like HTTP above: open to the internet only when CloudFront is off,
# because a public web application must accept its viewers.
#trivy:ignore:AVD-AWS-0107
resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  count = local.alb_https ? 1 : 0

  security_group_id = aws_security_group.alb.id
  description       = var.cloudfront ? "HTTPS from CloudFront origin-facing servers" : "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.cloudfront ? null : "0.0.0.0/0"
  prefix_list_id    = var.cloudfront ? data.aws_ec2_managed_prefix_list.cloudfront[0].id : null
}

resource "aws_vpc_security_group_egress_rule" "alb_to_instances" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Requests and health checks to the instances on the application port"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.instance.id
}
