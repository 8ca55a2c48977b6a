assert {
  condition     = length(aws_subnet.private) == var.az_count && alltrue([for s in aws_subnet.private : !s.map_public_ip_on_launch])
  error_message = "Each zone must have a private subnet that gives no public address."
}

assert {
  condition     = alltrue([for s in aws_subnet.public : !s.map_public_ip_on_launch])
  error_message = "Public subnets must not give instances a public address by default."
}

assert {
  condition     = aws_flow_log.main.traffic_type == "ALL"
  error_message = "VPC flow logs must record accepted and rejected traffic."
}

assert {
  condition     = aws_cloudwatch_log_group.flow_logs.retention_in_days == local.log_retention_days
  error_message = "Flow logs must have a retention period."
}

assert {
  condition     = anytrue([for f in data.aws_availability_zones.available.filter : f.name == "zone-type" && f.values == toset(["availability-zone"])])
  error_message = "Subnets must be spread over availability zones only, never an opted-in Local or Wavelength Zone."
}
