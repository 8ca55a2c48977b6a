# Every option on: prod, a GitHub repository through CodeConnections, a
# large Graviton build in your own image with a local cache, your own test
# image and command, Batch on EC2 On-Demand GPU instances.
blueprint = "ci-pipeline"

name                     = "shop-ci"
region                   = "eu-west-3"
environment              = "prod"
vpc_cidr                 = "10.60.0.0/16"
az_count                 = 2
source_type              = "codeconnections"
connection_provider      = "GitHub"
repository_owner         = "octo-org"
repository_name          = "shop.api"
branch                   = "release/2026"
build_environment_type   = "ARM_CONTAINER"
build_compute_type       = "BUILD_GENERAL1_LARGE"
build_image              = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/builder:3"
build_timeout_min        = 120
build_cache              = "LOCAL"
artifact_expiration_days = 60
test_image               = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/shop-tests:1.4"
test_command             = "python -m pytest tests/integration --junitxml=/tmp/report.xml"
compute                  = "ec2"
instance_types           = "g5,g6"
gpus                     = 1
vcpus                    = 4
job_memory_mb            = 15000
max_vcpus                = 64
job_attempts             = 2
job_timeout_s            = 7200
comments = "study"
