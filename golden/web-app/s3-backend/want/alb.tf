# The Application Load Balancer spreads requests over the healthy targets
# in every zone and terminates TLS; it is the only way in to them.
#
# Provides: local.alb_target_group_arn, local.alb_security_group_id and
# local.alb_origin (for an edge in front of it). Reads:
# local.app_security_group_id, the targets' security group.

locals {
  alb_target_group_arn  = aws_lb_target_group.app.arn
  alb_security_group_id = aws_security_group.alb.id

  # How an edge (CloudFront) reaches the load balancer. With a certificate,
  # CloudFront checks that it covers the name it connects to, and the load
  # balancer's own name never is: hence alb_domain_name.
  alb_origin = {
    domain_name = aws_lb.main.dns_name
    https       = false
  }
}

# A public web application needs an internet-facing load balancer; only the
# listeners below are exposed, and the targets stay in private subnets.
#trivy:ignore:AVD-AWS-0053
resource "aws_lb" "main" {
  name               = "${local.prefix}-alb"
  load_balancer_type = "application"
  internal           = false
  security_groups    = [aws_security_group.alb.id]
  subnets            = local.public_subnet_ids

  # Malformed headers are a request smuggling vector; the application never
  # needs them.
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "defensive"
  enable_deletion_protection = var.deletion_protection

  # local.log_bucket_id is known only once the bucket policy lets the load
  # balancer write, which it checks when logging is turned on.
  access_logs {
    bucket  = local.log_bucket_id
    prefix  = "alb"
    enabled = true
  }
}

resource "aws_lb_target_group" "app" {
  # A prefix, not a fixed name: a change of port or protocol replaces the
  # target group, and the new one must exist before the listener lets go of
  # the old one (create_before_destroy below).
  name_prefix = "app-"
  port        = var.app_port
  protocol    = "HTTP"
  target_type = "instance"
  vpc_id      = local.vpc_id

  # Connections in flight get this long to finish when a target leaves;
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

  tags = {
    Name = "${local.prefix}-app"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Without a certificate the load balancer serves the application over
# plain HTTP: a first test before a domain exists (see the README).
#trivy:ignore:AVD-AWS-0054
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_security_group" "alb" {
  name_prefix = "${local.prefix}-alb-"
  description = "Load balancer of ${local.prefix}: web traffic in, application port out to the targets"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-alb"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# CloudFront reaches origins from the addresses in this AWS-managed list, so
# the load balancer accepts nobody else and cannot be used to bypass the
# edge. Its prefix list counts as about 55 of the 60 rules a group may
# hold, so exactly one port is open: the one CloudFront uses.
data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from CloudFront origin-facing servers"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  prefix_list_id    = data.aws_ec2_managed_prefix_list.cloudfront.id
}

resource "aws_vpc_security_group_egress_rule" "alb_to_targets" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Requests and health checks to the targets on the application port"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = local.app_security_group_id
}
