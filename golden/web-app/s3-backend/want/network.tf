# A VPC over var.az_count availability zones. Each zone has a public subnet
# (load balancer, NAT gateway) and a private subnet (instances, tasks,
# databases): nothing in a private subnet has a public address, and it
# reaches the internet only outbound, through NAT.

data "aws_availability_zones" "available" {
  state = "available"

  # Availability zones only: an account that opted in to a Local Zone
  # (us-east-1-atl-2a) would otherwise get it first, since the names are
  # sorted, and subnets, NAT gateways and the load balancer would land in a
  # zone that offers few of the services they need
  # (hashicorp/terraform-provider-aws#12412).
  filter {
    name   = "zone-type"
    values = ["availability-zone"]
  }

  # Zone counts differ by region and by account (us-west-1 offers new
  # accounts two), so az_count is checked here, where the count is known,
  # with a message instead of a failing slice below.
  lifecycle {
    postcondition {
      condition     = length(self.names) >= var.az_count
      error_message = "az_count is ${var.az_count}, but this account has only ${length(self.names)} availability zones in ${var.region}: set az_count to ${length(self.names)} or pick another region."
    }
  }
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # Sixteen equal blocks of the VPC range: public subnets take the first
  # ones, private subnets start at the ninth, so adding a zone later never
  # renumbers an existing subnet.
  public_subnet_cidrs  = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, 4, i)]
  private_subnet_cidrs = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, 4, i + 8)]

  # One NAT gateway is a single point of failure for outbound traffic; prod
  # pays for one per zone so losing a zone only loses that zone.
  nat_gateway_count = local.is_prod ? var.az_count : 1

  # What the other components place their resources in. The subnet ids are
  # read through the route table associations, so whatever is placed in a
  # subnet waits for its routes: AWS refuses an internet-facing load
  # balancer before the internet gateway is attached, and instances started
  # before the NAT route cannot reach the services they register with.
  vpc_id             = aws_vpc.main.id
  public_subnet_ids  = [for a in aws_route_table_association.public : a.subnet_id]
  private_subnet_ids = [for a in aws_route_table_association.private : a.subnet_id]
}

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${local.prefix}-vpc"
  }
}

# The default security group allows all traffic between its members. Taking
# it over with no rules means nothing can use it by accident.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "${local.prefix}-default-deny-all"
  }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = {
    Name = "${local.prefix}-igw"
  }
}

resource "aws_subnet" "public" {
  count = var.az_count

  vpc_id            = aws_vpc.main.id
  cidr_block        = local.public_subnet_cidrs[count.index]
  availability_zone = local.azs[count.index]
  # Only the load balancer and NAT gateways live here, and they get their
  # addresses explicitly; nothing should receive a public IP by default.
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.prefix}-public-${local.azs[count.index]}"
    Tier = "public"
  }
}

resource "aws_subnet" "private" {
  count = var.az_count

  vpc_id                  = aws_vpc.main.id
  cidr_block              = local.private_subnet_cidrs[count.index]
  availability_zone       = local.azs[count.index]
  map_public_ip_on_launch = false

  tags = {
    Name = "${local.prefix}-private-${local.azs[count.index]}"
    Tier = "private"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = {
    Name = "${local.prefix}-public"
  }
}

resource "aws_route_table_association" "public" {
  count = var.az_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  count = local.nat_gateway_count

  domain = "vpc"

  tags = {
    Name = "${local.prefix}-nat-${local.azs[count.index]}"
  }

  depends_on = [aws_internet_gateway.main]
}

resource "aws_nat_gateway" "main" {
  count = local.nat_gateway_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = {
    Name = "${local.prefix}-nat-${local.azs[count.index]}"
  }

  depends_on = [aws_internet_gateway.main]
}

resource "aws_route_table" "private" {
  count = var.az_count

  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    # With a single NAT gateway (dev) every zone routes through it.
    nat_gateway_id = aws_nat_gateway.main[local.is_prod ? count.index : 0].id
  }

  tags = {
    Name = "${local.prefix}-private-${local.azs[count.index]}"
  }
}

resource "aws_route_table_association" "private" {
  count = var.az_count

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# S3 traffic from private subnets stays on the AWS network and costs no NAT
# data processing.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${local.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id

  tags = {
    Name = "${local.prefix}-s3"
  }
}

# Flow logs record every accepted and rejected connection: the first thing
# you need when a security group "should" allow something and doesn't.
resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn         = aws_iam_role.flow_logs.arn

  tags = {
    Name = "${local.prefix}-flow-logs"
  }

  # Delivery starts at once and fails, with no retry, while the role cannot
  # yet write to the group.
  depends_on = [aws_iam_role_policy.flow_logs]
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/aws/vpc/${local.prefix}/flow-logs"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

resource "aws_iam_role" "flow_logs" {
  name               = "${local.prefix}-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json
}

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Only flow logs of this account may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs.json
}

data "aws_iam_policy_document" "flow_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}
