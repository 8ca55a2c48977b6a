# Web servers: an Auto Scaling Group of EC2 instances in the private
# subnets, built from one launch template, registered in the load
# balancer's target group and scaled on CPU.
#
# Provides: local.app_security_group_id, the security group of the
# application's compute. Reads: local.alb_target_group_arn and
# local.alb_security_group_id.

locals {
  app_security_group_id = aws_security_group.instance.id

  # Graviton (arm64) families carry a "g" right after the generation digit
  # (t4g, c6g, r6gd, m7g, c7gn, im4gn); a1 is the first Graviton. The image
  # must match the processor, or instances never boot.
  instance_family = split(".", var.instance_type)[0]
  instance_arch   = can(regex("^([a-z]+[0-9]+g|a1$)", local.instance_family)) ? "arm64" : "x86_64"
}

# AWS publishes the ID of the latest Amazon Linux 2023 image here, so each
# apply picks up OS patches without anyone looking up AMI IDs per region.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${local.instance_arch}"
}

# Launched instances do not inherit the provider's default tags; copying
# them keeps cost reports and audits complete.
data "aws_default_tags" "current" {}

# A prefix, not a fixed name: a new name replaces the template, and the
# new one must exist before the Auto Scaling group moves to it.
resource "aws_launch_template" "app" {
  name_prefix = "${local.prefix}-app-"
  description = "Web servers of ${local.prefix}"
  # An AMI ID is public information; the sensitive value would hide image
  # changes in every plan.
  image_id               = data.aws_ssm_parameter.al2023.insecure_value
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.instance.id]
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.instance.arn
  }

  # IMDSv2 only, and one network hop: a compromised container or a server-
  # side request forgery cannot read the instance role's credentials.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  # One-minute metrics, so target tracking reacts to load within minutes.
  monitoring {
    enabled = true
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    # Encrypted with the AWS-managed EBS key: a customer-managed key would
    # also need a grant for the Auto Scaling service-linked role, which may
    # not exist yet in a new account. Root volumes hold no state anyway.
    ebs {
      # The image needs 8 GiB; the rest is room for the application and
      # its logs.
      volume_size           = 20
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(data.aws_default_tags.current.tags, { Name = "${local.prefix}-app" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(data.aws_default_tags.current.tags, { Name = "${local.prefix}-app" })
  }

  # A placeholder application, so the stack answers as soon as it is up.
  # Replace it with your own install, or bake an AMI (F6). Never put secrets
  # here: anyone allowed to describe the instance can read its user data.
  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -euo pipefail

    install -d -m 0755 /opt/placeholder
    cat > /opt/placeholder/server.py <<'PY'
    import http.server
    import sys

    PAGE = b"<!doctype html><title>${local.prefix}</title><h1>${local.prefix}</h1><p>Placeholder page of the web-app blueprint: replace the user data in compute.tf with your application.</p>\n"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

    http.server.ThreadingHTTPServer(("", int(sys.argv[1])), Handler).serve_forever()
    PY

    cat > /etc/systemd/system/placeholder-web.service <<'UNIT'
    [Unit]
    Description=Placeholder web application
    After=network-online.target
    Wants=network-online.target

    [Service]
    ExecStart=/usr/bin/python3 /opt/placeholder/server.py ${var.app_port}
    DynamicUser=yes
    AmbientCapabilities=CAP_NET_BIND_SERVICE
    NoNewPrivileges=yes
    ProtectSystem=strict
    ProtectHome=yes
    Restart=always

    [Install]
    WantedBy=multi-user.target
    UNIT

    systemctl daemon-reload
    systemctl enable --now placeholder-web.service
  EOT
  )

  lifecycle {
    create_before_destroy = true
  }
}

# A prefix, not a fixed name: a new name replaces the group, and the new
# one is created, with its instances registered with the target group,
# before the old one and its instances go.
resource "aws_autoscaling_group" "app" {
  name_prefix         = "${local.prefix}-app-"
  vpc_zone_identifier = local.private_subnet_ids
  min_size            = var.asg_min
  max_size            = var.asg_max
  desired_capacity    = var.asg_desired
  target_group_arns   = [local.alb_target_group_arn]

  # The load balancer's health check, not just the instance status, decides
  # when an instance is replaced: a running instance whose application does
  # not answer is as good as dead.
  health_check_type         = "ELB"
  health_check_grace_period = 300
  default_instance_warmup   = 300

  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }

  # A new launch template version (a new AMI, new user data) replaces the
  # instances a few at a time, keeping 90% of capacity in service.
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 90
    }
  }

  enabled_metrics = [
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupMaxSize",
    "GroupMinSize",
    "GroupPendingInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
  ]

  lifecycle {
    # Target tracking owns the desired capacity once the group exists;
    # asg_desired only sets the starting point, so an apply never undoes a
    # scale-out in the middle of a traffic peak.
    ignore_changes = [desired_capacity]

    create_before_destroy = true
  }
}

resource "aws_autoscaling_policy" "cpu" {
  name                   = "${local.prefix}-cpu-target"
  autoscaling_group_name = aws_autoscaling_group.app.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = var.cpu_target_percent

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}

resource "aws_security_group" "instance" {
  name_prefix = "${local.prefix}-instance-"
  description = "Web servers of ${local.prefix}: application port from the load balancer only"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-instance"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "instance_from_alb" {
  security_group_id            = aws_security_group.instance.id
  description                  = "Requests and health checks from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = local.alb_security_group_id
}

# Instances reach the SSM endpoints (Session Manager, patching) and the
# Amazon Linux package repositories over HTTPS through the NAT gateway.
# Their addresses are not published as a prefix list, so the destination
# cannot be narrower than the internet without paid interface endpoints.
#trivy:ignore:AVD-AWS-0104
resource "aws_vpc_security_group_egress_rule" "instance_https" {
  security_group_id = aws_security_group.instance.id
  description       = "HTTPS to SSM endpoints and package repositories, through NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# Session Manager replaces SSH: no port 22, no key pairs, and every session
# is logged by the account. This managed policy is all the instances need.
resource "aws_iam_role" "instance" {
  name               = "${local.prefix}-instance"
  description        = "Web servers of ${local.prefix}"
  assume_role_policy = data.aws_iam_policy_document.instance_assume.json
}

data "aws_iam_policy_document" "instance_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "instance_ssm" {
  role       = aws_iam_role.instance.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "instance" {
  name = "${local.prefix}-instance"
  role = aws_iam_role.instance.name

  # Instances act with the profile as they boot: the role's permissions
  # come first, and go last on destroy.
  depends_on = [aws_iam_role_policy_attachment.instance_ssm]
}
