# Several services on x86_64 over plain HTTP, without shared storage or
# ECS Exec (task roles with no permissions), on the 8 vCPU row of the
# Fargate table for reports and 2 vCPU (with its default memory) for jobs.
blueprint = "container-service"

name             = "tools"
services         = ["app", "reports", "jobs"]
cpu_architecture = "x86_64"
reports_cpu      = 8192
reports_memory   = 20480
jobs_cpu         = 2048
shared_storage   = false
