assert {
  condition     = one(aws_s3_bucket_notification.landing.lambda_function).filter_prefix == var.incoming_prefix && contains(one(aws_s3_bucket_notification.landing.lambda_function).events, "s3:ObjectCreated:*")
  error_message = "Objects created under the incoming prefix, and only there, must invoke the validator."
}

assert {
  condition     = aws_lambda_permission.landing.principal == "s3.amazonaws.com" && aws_lambda_permission.landing.source_account == local.account_id
  error_message = "Only the landing bucket of this account may invoke the validator."
}
