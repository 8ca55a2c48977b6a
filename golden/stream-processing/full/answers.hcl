# Every option: prod, a provisioned stream kept a week, Python 3.12 on x86_64,
# every event source mapping knob, per-window aggregates into S3 (Python:
# the life-cycle pass edits the runtime to another of its language).
blueprint              = "stream-processing"
name                   = "clicks"
region                 = "eu-west-3"
environment            = "prod"
deletion_protection    = true
stream_mode            = "PROVISIONED"
shard_count            = 4
retention_hours        = 168
runtime                = "python3.12"
architecture           = "x86_64"
memory_mb              = 512
timeout_s              = 120
log_level              = "WARN"
batch_size             = 500
batching_window_s      = 5
starting_position      = "TRIM_HORIZON"
bisect_on_error        = false
maximum_retry_attempts = 10
maximum_record_age_s   = 86400
parallelization_factor = 4
tumbling_window_s      = 120
sink                   = "s3"
output_prefix          = "clicks/windows/"
output_expiration_days = 30
iterator_age_alarm_s   = 300
comments = "study"
