# Every option on: prod, three services sized each for its own load,
# HTTPS, shared storage and ECS Exec (logged). Two zones, so that the
# proof harness's life-cycle pass raises az_count (see the aws_vpc_endpoint
# emulator gap).
blueprint = "container-service"

name                            = "shop"
region                          = "eu-west-3"
environment                     = "prod"
vpc_cidr                        = "10.30.0.0/16"
az_count                        = 2
services                        = ["web", "api", "admin-console"]
web_image                       = "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine"
web_container_port              = 8080
web_health_check_path           = "/index.html"
web_cpu                         = 1024
web_memory                      = 3072
web_min_tasks                   = 2
web_desired_tasks               = 3
web_max_tasks                   = 12
api_image                       = "public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine"
api_container_port              = 8080
api_health_check_path           = "/"
api_cpu                         = 512
api_memory                      = 1024
api_min_tasks                   = 2
api_desired_tasks               = 2
api_max_tasks                   = 8
admin-console_image             = "public.ecr.aws/nginx/nginx-unprivileged:stable-alpine"
admin-console_container_port    = 8080
admin-console_health_check_path = "/"
admin-console_cpu               = 256
admin-console_memory            = 1024
admin-console_min_tasks         = 1
admin-console_desired_tasks     = 1
admin-console_max_tasks         = 2
cpu_target_percent              = 60
cpu_architecture                = "arm64"
certificate_arn                 = "arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
alb_domain_name                 = "shop.example.com"
shared_storage                  = true
enable_execute_command          = true
comments = "study"
