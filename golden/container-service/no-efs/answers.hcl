# No shared storage, with ECS Exec: stateless services, nothing mounted,
# the task roles hold only what ECS Exec needs.
blueprint = "container-service"

name                   = "api"
shared_storage         = false
enable_execute_command = true
