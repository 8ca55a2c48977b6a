assert {
  condition     = !one(aws_codebuild_project.build.environment).privileged_mode && one(aws_codebuild_project.build.source).type == "CODEPIPELINE" && one(aws_codebuild_project.build.artifacts).type == "CODEPIPELINE"
  error_message = "Builds must run unprivileged, on what the pipeline hands them, for the pipeline."
}

assert {
  condition     = one(aws_codebuild_project.build.cache).type == var.build_cache && aws_cloudwatch_log_group.build.retention_in_days == local.log_retention_days
  error_message = "The build must cache as answered and log to its own group, with a retention period."
}
