terraform {
  # The same Terraform as the stack: its backend locks with a lock file in
  # this bucket, which Terraform 1.10 brought.
  required_version = ">= 1.10.0"

  # No backend block: this module's own state stays local
  # (bootstrap/terraform.tfstate). It cannot live in the bucket it
  # creates before the bucket exists; keep the file, or move it into the
  # bucket afterwards (see the README).

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # scaffold's tests apply this module with 5.100.0.
      version = "~> 5.100"
    }
  }
}
