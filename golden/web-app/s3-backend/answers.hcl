# The state in S3 (state_backend = s3): backend.tf with S3 native locking
# and bootstrap/, the module that creates the state bucket, kept in another
# region than the stack, as a team's one bucket for every stack would be.
blueprint = "web-app"

name          = "shop"
region        = "eu-west-3"
db_engine     = "none"
state_backend = "s3"
state_bucket  = "acme-terraform-state-123456789012"
state_key     = "shop/dev/web-app.tfstate"
state_region  = "eu-central-1"
