# Fargate Spot on a rate schedule, with a larger job and more retries for
# the interruptions Spot brings.
blueprint = "scheduled-batch"

name          = "etl"
schedule      = "rate(6 hours)"
compute       = "fargate_spot"
vcpus         = 2
job_memory_mb = 8192
job_attempts  = 5
job_timeout_s = 7200
