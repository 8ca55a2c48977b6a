terraform {
  # 1.9 is the first release whose variable validations may refer to other
  # variables (asg_desired is checked against asg_min, for instance).
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # scaffold's tests plan, apply and destroy this module with 5.100.0.
      version = "~> 5.100"
    }
  }
}
