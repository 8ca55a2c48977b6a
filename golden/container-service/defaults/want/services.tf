# The services and their settings, one entry per service name.
#
# Provides: local.services (service name => image, container_port,
# health_check_path, cpu, memory, min_tasks, desired_tasks and max_tasks)
# and local.service_names, in the order answered (the first also answers
# every path no service's rule matches).

locals {
  service_names = var.services

  # Every service takes the same settings; replace an entry's values to
  # tune one service.
  services = {
    for name in var.services : name => {
      image             = var.image
      container_port    = var.container_port
      health_check_path = var.health_check_path
      cpu               = var.cpu
      memory            = var.memory
      min_tasks         = var.min_tasks
      desired_tasks     = var.desired_tasks
      max_tasks         = var.max_tasks
    }
  }
}
