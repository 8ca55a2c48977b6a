# Every option on: prod, Python 3.12 on x86_64, provisioned concurrency within a
# reservation, JWT authorization, a sort key, PROVISIONED billing; in Tel
# Aviv, a region opened after August 2022 (the JWT issuer stays in Paris).
blueprint = "serverless-api"

name                    = "orders"
region                  = "il-central-1"
environment             = "prod"
runtime                 = "python3.12"
architecture            = "x86_64"
memory_mb               = 1024
timeout_s               = 29
log_level               = "DEBUG"
reserved_concurrency    = 50
provisioned_concurrency = 5
auth                    = "jwt"
jwt_issuer              = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_AbCdEf123"
jwt_audience            = "3n4b5urk1ft4fl3mg5e62d9ado"
throttling_rate_limit   = 500
throttling_burst_limit  = 1000
partition_key           = "customer_id"
sort_key                = "order_id"
billing_mode            = "PROVISIONED"
read_capacity           = 10
write_capacity          = 5
comments = "study"
ci_workflow = "none"
