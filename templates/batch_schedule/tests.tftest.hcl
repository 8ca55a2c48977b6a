assert {
  condition     = aws_cloudwatch_event_rule.schedule.schedule_expression == var.schedule
  error_message = "The rule must fire on var.schedule."
}

assert {
  condition     = one(aws_cloudwatch_event_target.batch.retry_policy).maximum_event_age_in_seconds == 3600
  error_message = "Failed submissions must be retried for an hour, then dead-lettered."
}
