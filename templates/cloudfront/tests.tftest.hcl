assert {
  condition = alltrue(concat(
    [one(aws_cloudfront_distribution.main.default_cache_behavior).viewer_protocol_policy == "redirect-to-https"],
    [for b in aws_cloudfront_distribution.main.ordered_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"],
  ))
  error_message = "CloudFront must redirect viewers to HTTPS."
}

# CloudFront standard logging writes through an ACL grant: a log bucket
# whose ACLs are disabled refuses it when the distribution is created.
assert {
  condition     = one(aws_s3_bucket_ownership_controls.logs.rule).object_ownership == "BucketOwnerPreferred"
  error_message = "CloudFront logs need a log bucket with ACLs enabled (BucketOwnerPreferred)."
}
