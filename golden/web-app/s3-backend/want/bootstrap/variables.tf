variable "bucket_name" {
  description = "Name of the S3 bucket that holds the Terraform state (global across AWS accounts)."
  type        = string

  validation {
    condition     = length(var.bucket_name) >= 3 && length(var.bucket_name) <= 63 && can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.bucket_name)) && !can(regex("^xn--|^sthree-|^amzn-s3-demo-|-s3alias$|--ol-s3$|--x-s3$|\\.mrap$|--table-s3$|\\.\\.", var.bucket_name)) && !can(regex("^[0-9]+(\\.[0-9]+){3}$", var.bucket_name))
    error_message = "The bucket name must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, and not begin with \"xn--\", \"sthree-\" or \"amzn-s3-demo-\", nor end with \"-s3alias\", \"--ol-s3\", \"--x-s3\", \".mrap\" or \"--table-s3\", nor contain \"..\", nor be formatted as an IP address, such as 192.168.5.4 (AWS's bucket naming rules)."
  }
}

variable "region" {
  description = "AWS region the state bucket is created in; backend.tf names the same one."
  type        = string
}

variable "noncurrent_version_days" {
  description = "Days an overwritten state version is kept before S3 deletes it: the window in which a bad apply's state can be restored."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_days >= 1 && floor(var.noncurrent_version_days) == var.noncurrent_version_days
    error_message = "noncurrent_version_days must be a whole number of days, at least 1."
  }
}
