terraform {
  # 1.10 is the first release whose s3 backend locks with a lock file in the
  # bucket itself (use_lockfile in backend.tf), so no DynamoDB table is
  # needed; it also has the variable validations 1.9 brought.
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # scaffold's tests plan, apply and destroy this module with 5.100.0.
      version = "~> 5.100"
    }
  }
}
