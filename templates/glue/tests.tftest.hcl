assert {
  condition     = aws_glue_job.etl.default_arguments["--job-bookmark-option"] == "job-bookmark-enable" && one(aws_glue_job.etl.command).name == "glueetl"
  error_message = "The Glue job must be a Spark job with job bookmarks on."
}

assert {
  condition = alltrue([
    one(one(aws_glue_security_configuration.main.encryption_configuration).s3_encryption).s3_encryption_mode == "SSE-KMS",
    one(one(aws_glue_security_configuration.main.encryption_configuration).cloudwatch_encryption).cloudwatch_encryption_mode == "SSE-KMS",
    one(one(aws_glue_security_configuration.main.encryption_configuration).job_bookmarks_encryption).job_bookmarks_encryption_mode == "CSE-KMS",
  ]) && aws_glue_job.etl.security_configuration == aws_glue_security_configuration.main.name && aws_glue_crawler.curated.security_configuration == aws_glue_security_configuration.main.name
  error_message = "The job and the crawler must encrypt S3 output, logs and bookmarks with the module's key."
}

assert {
  condition     = aws_glue_job.etl.worker_type == var.glue_worker_type && aws_glue_job.etl.number_of_workers == var.glue_workers && one(aws_glue_job.etl.execution_property).max_concurrent_runs == 1
  error_message = "The job must run the asked workers, one run at a time."
}
