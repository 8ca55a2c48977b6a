assert {
  condition     = aws_codebuild_project.build.encryption_key == local.kms_key_arn && !one(aws_codebuild_project.build.environment).privileged_mode
  error_message = "Builds must encrypt their artifacts with the module's key and run unprivileged."
}

assert {
  condition     = one(aws_codebuild_project.build.cache).type == var.build_cache && aws_cloudwatch_log_group.build.retention_in_days == local.log_retention_days
  error_message = "The build must cache as answered and log to its own group, with a retention period."
}
