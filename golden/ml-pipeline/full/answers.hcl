# Every option: its own prefixes and expiration, GPU Spot training with two
# GPUs per job on larger instances, a pinned private training image and
# command, a serverless endpoint at its largest memory with an image of the
# module's region, Python 3.12 functions. Dev, so the proof harness's
# life-cycle pass takes it to prod.
blueprint = "ml-pipeline"

name                       = "vision"
region                     = "eu-west-3"
vpc_cidr                   = "10.60.0.0/16"
az_count                   = 2
data_prefix                = "datasets/images/"
model_prefix               = "artefacts/models/"
data_expiration_days       = 30
instance_types             = "g5.12xlarge,g6.12xlarge"
gpus                       = 2
vcpus                      = 8
job_memory_mb              = 60000
max_vcpus                  = 96
instance_volume_gib        = 100
job_attempts               = 4
job_timeout_s              = 28800
training_image             = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/vision/train@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
training_command           = "python -m vision.train --input \"s3://$INPUT_BUCKET/$INPUT_KEY\" --output \"s3://$DATA_BUCKET/$MODEL_PREFIX$AWS_BATCH_JOB_ID/model.tar.gz\""
functions_runtime          = "python3.12"
serverless_memory_mb       = 6144
serverless_max_concurrency = 20
inference_image            = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/vision/serve:2.1"
comments = "study"
