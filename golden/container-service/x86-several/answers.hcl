# Several services on x86_64 over plain HTTP, without shared storage or
# ECS Exec (task roles with no permissions), on the 8 vCPU row of the
# Fargate table.
blueprint = "container-service"

name             = "tools"
services         = ["app", "reports", "jobs"]
cpu_architecture = "x86_64"
cpu              = 8192
memory           = 20480
shared_storage   = false
