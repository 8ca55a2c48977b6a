# A deliberately broken module: the harness must fail it at validate (a
# reference to a resource that is not declared) and at trivy (an S3 bucket
# without encryption, SSH open to the internet).
terraform {
  required_version = ">= 1.9.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "prove-broken-data"
}

resource "aws_security_group" "ssh" {
  name        = "prove-broken-ssh"
  description = "SSH from anywhere"
  vpc_id      = aws_vpc.missing.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
