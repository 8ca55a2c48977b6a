# Every option on: prod, EC2 Spot with GPUs, a cron with ranges, increments
# and day names, a pinned private image. Two zones, so that the proof
# harness's life-cycle pass raises az_count (see the aws_vpc_endpoint gap in
# internal/prove/emulator-gaps.hcl); web-app/full applies three. The
# Redshift load on a provisioned multi-node cluster (Serverless would need
# three zones), JSON records.
blueprint = "scheduled-batch"

name                    = "reports"
region                  = "eu-west-3"
environment             = "prod"
vpc_cidr                = "10.40.0.0/16"
az_count                = 2
schedule                = "cron(0/30 1-3 ? JAN-NOV MON-FRI *)"
compute                 = "ec2_spot"
instance_types          = "g5,g6,g4dn.2xlarge"
gpus                    = 1
vcpus                   = 4
job_memory_mb           = 15000
max_vcpus               = 64
container_image         = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/reports/render@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
job_command             = "python -m reports.render --date \"$(date -u +%F)\" --out \"s3://$OUTPUT_BUCKET/$OUTPUT_PREFIX\""
job_attempts            = 4
job_timeout_s           = 14400
output_prefix           = "reports/nightly/"
output_expiration_days  = 365
redshift_load           = true
redshift_deployment     = "provisioned"
redshift_node_type      = "ra3.4xlarge"
redshift_node_count     = 2
redshift_database_name  = "reports"
redshift_admin_username = "reports_admin"
redshift_table          = "reporting.nightly"
redshift_load_format    = "json"
comments = "study"
