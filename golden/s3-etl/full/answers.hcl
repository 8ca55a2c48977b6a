# Every option on: prod, three zones, nested prefixes, every file type, the
# larger workers, a weekday crawler, Redshift Serverless at 32 RPUs.
blueprint = "s3-etl"

name                       = "sales"
region                     = "eu-west-3"
environment                = "prod"
vpc_cidr                   = "10.50.0.0/16"
az_count                   = 3
incoming_prefix            = "drop/incoming/"
quarantine_prefix          = "drop/rejected/"
curated_prefix             = "warehouse/sales/"
glue_prefix                = "jobs/glue/"
max_object_mib             = 2048
allowed_formats            = "csv,json,parquet"
landing_expiration_days    = 14
validator_memory_mb        = 256
validator_timeout_s        = 300
glue_version               = "4.0"
glue_worker_type           = "G.2X"
glue_workers               = 10
glue_timeout_min           = 240
glue_max_retries           = 2
crawler_schedule           = "cron(0 3 ? * MON-FRI *)"
redshift_deployment        = "serverless"
redshift_base_capacity_rpu = 32
redshift_database_name     = "analytics"
redshift_admin_username    = "etl_admin"
comments = "study"
