output "api_url" {
  description = "Base URL of the HTTP API."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "items_url" {
  description = "URL of the items collection: append /ID (and /SORT with a sort key) to read or write an item."
  value       = "${trimsuffix(aws_apigatewayv2_stage.default.invoke_url, "/")}/items"
}

output "api_log_group" {
  description = "CloudWatch log group of the API's access logs (one JSON line per request)."
  value       = aws_cloudwatch_log_group.api.name
}
