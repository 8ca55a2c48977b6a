assert {
  condition     = startswith(local.prefix, "${var.name}-${var.environment}")
  error_message = "Every resource name must start with <name>-<environment>."
}
