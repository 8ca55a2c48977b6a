assert {
  condition     = strcontains(one(aws_cloudwatch_event_target.redshift_load.redshift_target).sql, "COPY ${var.redshift_table} FROM") && strcontains(one(aws_cloudwatch_event_target.redshift_load.redshift_target).sql, "IAM_ROLE default MANIFEST")
  error_message = "The load must COPY the files the job's manifest lists into redshift_table, with the warehouse's own role."
}

assert {
  condition     = one(aws_cloudwatch_event_target.redshift_load.retry_policy).maximum_event_age_in_seconds == 3600
  error_message = "Failed loads must be retried for an hour, then dead-lettered."
}
