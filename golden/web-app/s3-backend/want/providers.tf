provider "aws" {
  region = var.region

  # Every resource carries these tags, so cost reports and audits can tell
  # what belongs to this module without each resource repeating them.
  default_tags {
    tags = {
      Project     = var.name
      Environment = var.environment
      ManagedBy   = "terraform"
      Blueprint   = "web-app"
    }
  }
}
