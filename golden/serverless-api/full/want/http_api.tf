# The HTTP API: explicit item routes, throttled, logged, integrated with the
# function.
#
# Reads: local.function_name, local.function_invoke_arn and
# local.function_qualifier.

locals {
  # The key values travel in the path, so a table with a sort key needs one
  # more segment to name an item.
  item_path = var.sort_key == "" ? "/items/{id}" : "/items/{id}/{sort}"
}

# API Gateway (HTTP API) is the front door: it authenticates callers,
# throttles them and logs every request before the function sees it (P2).
resource "aws_apigatewayv2_api" "main" {
  name          = "${local.prefix}-api"
  description   = "${local.prefix}: HTTP API in front of ${local.function_name}"
  protocol_type = "HTTP"
}

# The integration hands each request to the function and its answer back to
# the caller (P2).
resource "aws_apigatewayv2_integration" "lambda" {
  api_id                 = aws_apigatewayv2_api.main.id
  integration_type       = "AWS_PROXY"
  integration_uri        = local.function_invoke_arn
  payload_format_version = "2.0"

  # The most an HTTP API waits; timeout_s keeps the function within it.
  timeout_milliseconds = 30000
}

# The JWT authorizer checks each caller's token against the issuer before the
# function runs.
resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.main.id
  name             = "${local.prefix}-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = [var.jwt_audience]
  }
}

# A route: the methods and paths the API accepts, and who may call them.
#
# Explicit routes rather than a catch-all: anything else is answered 404 by
# API Gateway without invoking (or billing) the function.
resource "aws_apigatewayv2_route" "items" {
  for_each = toset(["GET", "PUT"])

  api_id             = aws_apigatewayv2_api.main.id
  route_key          = "${each.key} ${local.item_path}"
  target             = "integrations/${aws_apigatewayv2_integration.lambda.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id

  # The stage deploys each route as it appears: API Gateway must already be
  # allowed to invoke the function, or the first requests get 500s.
  depends_on = [aws_lambda_permission.api]
}

# The stage publishes the API, with its rate limits and access logs.
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.main.id
  name        = "$default"
  auto_deploy = true

  # Throttling answers 429 above these limits without invoking the
  # function, which caps cost and protects the table.
  default_route_settings {
    throttling_rate_limit    = var.throttling_rate_limit
    throttling_burst_limit   = var.throttling_burst_limit
    detailed_metrics_enabled = true
  }

  # One JSON line per request, so who called what, and what failed, can be
  # queried later (trivy AWS-0001).
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      caller             = "$context.identity.caller"
      httpMethod         = "$context.httpMethod"
      routeKey           = "$context.routeKey"
      path               = "$context.path"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
    })
  }
}

# A CloudWatch log group, with a retention period and the module's key (F31).
resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/${local.prefix}-api"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# API Gateway may invoke the function, for this API only.
#
# Only this API, on any of its stages and routes, may invoke the function
# (trivy AWS-0067).
resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = local.function_name
  qualifier     = local.function_qualifier
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.main.execution_arn}/*/*"
}
