# The Application Load Balancer spreads requests over the healthy targets
# in every zone and terminates TLS; it is the only way in to them.
#
# Each service of local.services gets its own target group and a listener
# rule sending /<service> and /<service>/... to it; the first of
# local.service_names also answers every other path.
#
# Provides: local.alb_target_group_arns (by service name),
# local.alb_security_group_id and local.alb_origin (for an edge in front of
# it). Reads: local.services, local.service_names and
# local.app_security_group_id, the targets' security group.

locals {
  # Read through the listener rules: ECS refuses a target group no
  # listener uses yet, so a service must wait for its rule.
  alb_target_group_arns = { for name, r in aws_lb_listener_rule.service : name => r.action[0].target_group_arn }
  alb_security_group_id = aws_security_group.alb.id
}

# The Application Load Balancer is the single entry point: it spreads
# requests over healthy targets in every zone, checks their health and
# terminates TLS, so losing one target or one zone does not stop the
# application (P1, F4, F25).
#
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

# A target group per service: the tasks the load balancer may send that
# service's requests to, each checked on the service's health-check path; ECS
# registers and deregisters the tasks as they start and stop (P4).
resource "aws_lb_target_group" "service" {
  for_each = local.services

  # A prefix, not a fixed name: a change of port replaces the target group,
  # and the new one must exist before the listener lets go of the old one
  # (create_before_destroy below). The Name tag says which service it is.
  name_prefix = "svc-"
  port        = each.value.container_port
  protocol    = "HTTP"
  # Fargate tasks register by their private IP address (awsvpc mode).
  target_type = "ip"
  vpc_id      = local.vpc_id

  # Connections in flight get this long to finish when a task stops; the
  # 300-second default slows every deployment and scale-in.
  deregistration_delay = 30

  health_check {
    enabled             = true
    path                = each.value.health_check_path
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200-399"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = {
    Name = "${local.prefix}-${each.key}"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A listener: the port and protocol the load balancer accepts requests on,
# and what it does with them.
#
# Plain HTTP only redirects to HTTPS.
#trivy:ignore:AVD-AWS-0054
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

# The HTTPS listener: the load balancer terminates TLS with the certificate,
# so the targets behind it never handle keys (P1).
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  # TLS 1.3 and 1.2 with forward-secret ciphers only.
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service[local.service_names[0]].arn
  }
}

# A listener rule per service: requests whose path starts with /<service>/ go
# to that service's target group, so each service is routed, deployed and
# scaled on its own (P4).
#
# Path-based routing: each service answers under /<service>. Paths do not
# overlap, so the priority only has to be unique. It comes from the
# service's name (1 to 50000, the range ELB takes), not its place in the
# list: adding or removing a service never renumbers another's rule, which
# ELB could refuse (PriorityInUse) while the old rule is still there.
# scaffold and variables.tf refuse names whose priorities collide.
resource "aws_lb_listener_rule" "service" {
  for_each = local.services

  listener_arn = aws_lb_listener.https.arn
  priority     = parseint(substr(sha256(each.key), 0, 8), 16) % 50000 + 1

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service[each.key].arn
  }

  condition {
    path_pattern {
      values = ["/${each.key}", "/${each.key}/*"]
    }
  }

  tags = {
    Name = "${local.prefix}-${each.key}"
  }
}

# A security group: a stateful firewall around the resources attached to it
# (F31).
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

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
#
# Viewers come from anywhere on the internet: that is the point of a public
# web application.
#trivy:ignore:AVD-AWS-0107
resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the internet"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
#
# HTTPS, like HTTP above, from anywhere: a public web application must
# accept its viewers.
#trivy:ignore:AVD-AWS-0107
resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
#
# One rule per container port the services listen on.
resource "aws_vpc_security_group_egress_rule" "alb_to_targets" {
  for_each = toset([for s in values(local.services) : tostring(s.container_port)])

  security_group_id            = aws_security_group.alb.id
  description                  = "Requests and health checks to the services' tasks on their container port"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = local.app_security_group_id
}
