assert {
  condition     = aws_efs_file_system.shared.encrypted
  error_message = "The shared file system must be encrypted at rest."
}

assert {
  condition     = length(aws_efs_mount_target.shared) == length(local.private_subnet_ids)
  error_message = "The shared file system must have a mount target in every private subnet."
}

assert {
  condition     = aws_vpc_security_group_ingress_rule.efs_from_services.from_port == 2049 && aws_vpc_security_group_ingress_rule.efs_from_services.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.efs_from_services.prefix_list_id == null
  error_message = "The file system must accept NFS from the services' security group only."
}

assert {
  condition = alltrue([
    for name, s in local.services : one(aws_efs_access_point.service[name].root_directory).path == "/${name}"
  ])
  error_message = "Each service must have an access point confining it to its own directory."
}
