mock_data "aws_ssm_parameter" {
  defaults = {
    type           = "String"
    value          = "ami-0123456789abcdef0"
    insecure_value = "ami-0123456789abcdef0"
  }
}

mock_data "aws_default_tags" {
  defaults = {
    tags = {}
  }
}
