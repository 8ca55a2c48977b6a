bucket_name = "acme-terraform-state-123456789012"
region      = "eu-central-1"
