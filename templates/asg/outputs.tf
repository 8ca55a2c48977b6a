output "asg_name" {
  description = "Name of the Auto Scaling Group; start an instance refresh on it after changing the application."
  value       = aws_autoscaling_group.app.name
}

output "instance_role_name" {
  description = "Name of the IAM role of the instances; attach the policies your application needs to it."
  value       = aws_iam_role.instance.name
}

output "instance_security_group_id" {
  description = "ID of the instances' security group."
  value       = aws_security_group.instance.id
}
