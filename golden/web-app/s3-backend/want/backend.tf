# The state of this stack lives in S3, where the whole team reads and
# locks it. A backend block cannot read variables, so these are the
# answers scaffold was given (state_bucket, state_key, state_region);
# bootstrap/ creates the bucket, and the README gives the order of commands.
terraform {
  backend "s3" {
    bucket = "acme-terraform-state-123456789012"
    key    = "shop/dev/web-app.tfstate"
    region = "eu-central-1"

    # The state holds every attribute of every resource, secrets included:
    # it is written encrypted whatever the bucket's default.
    encrypt = true

    # S3 native locking: Terraform holds the lock by writing <key>.tflock
    # beside the state with a conditional write, which fails while another
    # run holds it. No DynamoDB table (Terraform 1.10 and later).
    use_lockfile = true
  }
}
