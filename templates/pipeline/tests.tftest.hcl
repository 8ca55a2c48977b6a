assert {
  condition     = aws_codepipeline.main.pipeline_type == "V2" && one(one(aws_codepipeline.main.artifact_store).encryption_key).type == "KMS"
  error_message = "The pipeline must be of type V2 and encrypt its artifacts with the module's key."
}

assert {
  condition     = [for s in aws_codepipeline.main.stage : s.name] == ["Source", "Build", "IntegrationTests"]
  error_message = "The pipeline's stages must be Source, Build and IntegrationTests, in that order."
}

assert {
  condition     = contains(aws_codestarnotifications_notification_rule.pipeline.event_type_ids, "codepipeline-pipeline-pipeline-execution-failed")
  error_message = "Failed executions must be notified to the pipeline's topic."
}
