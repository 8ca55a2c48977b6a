# Every option on: prod, three zones, Graviton instances, HTTPS, CloudFront,
# MySQL multi-AZ; in Zurich, a region opened after August 2022, where
# Elastic Load Balancing has no log account and delivers as a service.
blueprint = "web-app"

name                     = "shop"
region                   = "eu-central-2"
environment              = "prod"
vpc_cidr                 = "10.20.0.0/16"
az_count                 = 3
instance_type            = "t4g.small"
asg_min                  = 3
asg_desired              = 3
asg_max                  = 9
cpu_target_percent       = 60
app_port                 = 8080
health_check_path        = "/healthz"
certificate_arn          = "arn:aws:acm:eu-central-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
cloudfront               = true
alb_domain_name          = "origin.shop.example.com"
db_engine                = "mysql"
db_instance_class        = "db.r6g.large"
db_multi_az              = true
db_allocated_storage_gb  = 100
db_backup_retention_days = 14
db_username              = "shop_admin"
comments = "study"
