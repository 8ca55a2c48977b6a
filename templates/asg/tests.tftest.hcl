assert {
  condition     = one(aws_launch_template.app.metadata_options).http_tokens == "required" && one(aws_launch_template.app.metadata_options).http_put_response_hop_limit == 1
  error_message = "Instances must require IMDSv2 with a hop limit of 1."
}

assert {
  condition     = alltrue([for d in aws_launch_template.app.block_device_mappings : one(d.ebs).encrypted == "true"])
  error_message = "Instance volumes must be encrypted."
}

assert {
  condition     = aws_autoscaling_group.app.health_check_type == "ELB"
  error_message = "The group must replace instances the load balancer finds unhealthy."
}

assert {
  condition     = aws_autoscaling_group.app.min_size == var.asg_min && aws_autoscaling_group.app.max_size == var.asg_max
  error_message = "The group's size must follow asg_min and asg_max."
}

assert {
  condition     = aws_vpc_security_group_ingress_rule.instance_from_alb.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.instance_from_alb.from_port == var.app_port
  error_message = "Instances must accept the application port from the load balancer only."
}
