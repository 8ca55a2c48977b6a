# Every option on: prod, three services on 1 vCPU, HTTPS, shared storage
# and ECS Exec (logged). Two zones, so that the proof harness's life-cycle
# pass raises az_count (see the aws_vpc_endpoint emulator gap).
blueprint = "container-service"

name                   = "shop"
region                 = "eu-west-3"
environment            = "prod"
vpc_cidr               = "10.30.0.0/16"
az_count               = 2
services               = ["web", "api", "admin-console"]
image                  = "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine"
container_port         = 8080
health_check_path      = "/index.html"
cpu                    = 1024
memory                 = 3072
min_tasks              = 2
desired_tasks          = 3
max_tasks              = 12
cpu_target_percent     = 60
cpu_architecture       = "arm64"
certificate_arn        = "arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
alb_domain_name        = "shop.example.com"
shared_storage         = true
enable_execute_command = true
