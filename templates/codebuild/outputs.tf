output "build_project_name" {
  description = "Name of the CodeBuild project of the Build stage."
  value       = aws_codebuild_project.build.name
}

output "build_log_group_name" {
  description = "CloudWatch log group of the builds."
  value       = aws_cloudwatch_log_group.build.name
}
