# The ECS cluster the services run in. On Fargate it holds no servers: it
# groups the services, their settings and their metrics.
#
# Provides: local.ecs_cluster_arn and local.ecs_cluster_name.

locals {
  ecs_cluster_arn  = aws_ecs_cluster.main.arn
  ecs_cluster_name = aws_ecs_cluster.main.name
}

resource "aws_ecs_cluster" "main" {
  name = "${local.prefix}-cluster"

  # Container Insights: CPU, memory, network and task counts per service
  # and task in CloudWatch, which is where a scaling or a memory problem
  # shows first.
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

# Fargate only: no instances to patch (F15, F26). Fargate Spot is not a
# default provider, since AWS may stop its tasks with two minutes' notice.
resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}
