# The services and their settings, one entry per service name.
#
# Provides: local.services (service name => image, container_port,
# health_check_path, cpu, memory, min_tasks, desired_tasks and max_tasks)
# and local.service_names, in the order answered (the first also answers
# every path no service's rule matches).

locals {
  service_names = var.services

  # One entry per service, answered per service (<service>_image,
  # <service>_cpu, ...) and kept in terraform.tfvars.
  services = var.service_settings
}
