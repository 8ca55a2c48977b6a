assert {
  condition     = aws_ecs_service.service["app"].health_check_grace_period_seconds == var.health_check_grace_period_s
  error_message = "ECS must ignore failed health checks of a new task for health_check_grace_period_s, so a slow start is not killed."
}
