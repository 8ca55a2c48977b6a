# Every option on: prod (multi-AZ database, deletion protection), MySQL
# with its own database name and variable prefix, HTTPS, sticky sessions,
# the uploads folder on EFS, ECS Exec, x86_64 tasks of 1 vCPU, a
# slow-starting application with a long grace period and stop timeout. Two
# zones, so the proof's life-cycle pass raises them to three.
blueprint = "container-migration"

name                        = "erp"
region                      = "eu-west-1"
environment                 = "prod"
vpc_cidr                    = "10.30.0.0/16"
az_count                    = 2
image                       = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/erp:2024.11"
container_port              = 8080
health_check_path           = "/erp/health"
cpu                         = 1024
memory                      = 4096
min_tasks                   = 2
desired_tasks               = 2
max_tasks                   = 6
cpu_target_percent          = 60
cpu_architecture            = "x86_64"
certificate_arn             = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
alb_domain_name             = "erp.example.com"
enable_execute_command      = true
health_check_grace_period_s = 600
stop_timeout_s              = 120
sticky_sessions             = true
sticky_session_duration_s   = 28800
uploads_efs                 = true
uploads_path                = "/opt/erp/uploads"
db_engine                   = "mysql"
db_instance_class           = "db.r6g.large"
db_multi_az                 = true
db_allocated_storage_gb     = 100
db_backup_retention_days    = 14
db_username                 = "erp_admin"
db_name                     = "erp"
db_env_prefix               = "MYSQL_"
comments = "study"
