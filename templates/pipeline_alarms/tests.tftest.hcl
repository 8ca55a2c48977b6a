assert {
  condition     = local.training_failed_pattern.detail.status == ["FAILED"] && local.training_failed_pattern.source == ["aws.batch"]
  error_message = "Every failed training job must be sent to the alarm topic."
}

assert {
  condition     = contains(keys(aws_cloudwatch_metric_alarm.endpoint), "Invocation5XXErrors") && length(setsubtract(keys(aws_cloudwatch_metric_alarm.endpoint), ["Invocation5XXErrors", "InvocationModelErrors"])) == 0 && alltrue([for a in aws_cloudwatch_metric_alarm.endpoint : a.dimensions.EndpointName == local.sagemaker_endpoint_name && a.treat_missing_data == "notBreaching"])
  error_message = "The endpoint's errors must alarm, and its absence before the first model must not."
}

assert {
  condition     = toset(keys(aws_cloudwatch_metric_alarm.function_errors)) == toset(["trigger", "deployer"])
  error_message = "Both functions' errors must alarm."
}
