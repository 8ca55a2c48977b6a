# The one application this module moves into a container: the ECS service
# "app", whose settings are the module's variables.
#
# Provides: local.services (the one service, "app") and local.service_names.

locals {
  service_names = ["app"]

  services = {
    app = {
      image             = var.image
      container_port    = var.container_port
      health_check_path = var.health_check_path
      cpu               = var.cpu
      memory            = var.memory
      min_tasks         = var.min_tasks
      desired_tasks     = var.desired_tasks
      max_tasks         = var.max_tasks
      # A legacy application may need minutes to start: ECS ignores failed
      # health checks for this long before it replaces a new task.
      health_check_grace_period_seconds = var.health_check_grace_period_s
    }
  }
}
