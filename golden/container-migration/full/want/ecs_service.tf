# One ECS service on Fargate per entry of local.services: a task
# definition (what runs, with how much CPU and memory), the service that
# keeps the tasks running behind the load balancer, their roles, their log
# group and their target tracking on CPU. Each service scales on its own
# (P4) and runs under roles of its own, so a compromised service cannot act
# as another (F19).
#
# Provides: local.app_security_group_id, the tasks' security group. Reads:
# local.services (service name => object with image, container_port,
# health_check_path, cpu, memory, min_tasks, desired_tasks and max_tasks;
# an optional health_check_grace_period_seconds), local.ecs_cluster_arn,
# local.ecs_cluster_name, local.alb_target_group_arns and
# local.alb_security_group_id; for the shared volume,
# local.efs_file_system_id, local.efs_file_system_arn,
# local.efs_access_point_ids, local.efs_access_point_arns and
# local.efs_security_group_id; for the
# database, local.db_connection (its address, port, name and secret).

locals {
  app_security_group_id = aws_security_group.service.id

  # Distinct container ports, as strings for for_each: the load balancer
  # reaches the tasks on these only.
  service_ports = toset([for s in values(local.services) : tostring(s.container_port)])
}

# The task definition: the container image, the CPU and memory of a task
# (Fargate's fixed sizes), its roles, logs and volumes; each task runs
# isolated from the others (F15, F19).
resource "aws_ecs_task_definition" "service" {
  for_each = local.services

  family                   = "${local.prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = aws_iam_role.task[each.key].arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = upper(var.cpu_architecture)
  }

  container_definitions = jsonencode([
    {
      name      = each.key
      image     = each.value.image
      essential = true
      portMappings = [{
        containerPort = each.value.container_port
        protocol      = "tcp"
      }]
      # A compromised or buggy process cannot alter its own image, and
      # nothing runs privileged. What must be writable is a volume: /tmp,
      # made writable by tmp-permissions below and gone with the task, and the shared
      # file system at var.uploads_path.
      readonlyRootFilesystem = true
      privileged             = false
      dependsOn              = [{ containerName = "tmp-permissions", condition = "SUCCESS" }]
      # Seconds between SIGTERM and SIGKILL when a task stops.
      stopTimeout = var.stop_timeout_s
      mountPoints = [
        { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
        { sourceVolume = "shared", containerPath = var.uploads_path, readOnly = false },
        # ECS Exec's agent keeps its state and logs here and cannot start
        # on a read-only root file system without them
        # (github.com/aws/containers-roadmap/issues/1359).
        { sourceVolume = "ssm-state", containerPath = "/var/lib/amazon", readOnly = false },
        { sourceVolume = "ssm-logs", containerPath = "/var/log/amazon", readOnly = false },
      ]
      environment = [
        { name = "SHARED_DATA_DIR", value = var.uploads_path },
        # Where the database is: plain values, nothing secret.
        { name = "${var.db_env_prefix}HOST", value = local.db_connection.address },
        { name = "${var.db_env_prefix}PORT", value = tostring(local.db_connection.port) },
        { name = "${var.db_env_prefix}NAME", value = local.db_connection.name },
      ]
      # Who to sign in as, and the password: ECS reads them from the secret
      # RDS keeps when a task starts and hands them to the container as
      # environment variables, so they are never in the task definition, a
      # file or the Terraform state.
      secrets = [
        { name = "${var.db_env_prefix}USERNAME", valueFrom = "${local.db_connection.secret_arn}:username::" },
        { name = "${var.db_env_prefix}PASSWORD", valueFrom = "${local.db_connection.secret_arn}:password::" },
      ]
      # ECS Exec runs its agent beside the application; an init process
      # reaps the processes its sessions leave behind.
      linuxParameters = { initProcessEnabled = true }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.service[each.key].name
          "awslogs-region"        = local.region
          "awslogs-stream-prefix" = each.key
        }
      }
    },
    # Fargate creates the tmp volume owned by root with mode 0755, so an
    # image running as another user (the placeholder runs as uid 101) could
    # not write there. This container runs first, as root, gives the
    # volume the mode of a usual /tmp (1777, sticky) and exits.
    {
      name                   = "tmp-permissions"
      image                  = "public.ecr.aws/docker/library/busybox:1.37"
      essential              = false
      command                = ["chmod", "1777", "/tmp"]
      readonlyRootFilesystem = true
      privileged             = false
      mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.service[each.key].name
          "awslogs-region"        = local.region
          "awslogs-stream-prefix" = "tmp-permissions"
        }
      }
    },
  ])

  # Scratch space on the task's own ephemeral storage (20 GiB, encrypted
  # by Fargate), gone when the task stops.
  volume {
    name = "tmp"
  }

  # ECS Exec's agent state and logs, on the task's ephemeral storage too.
  volume {
    name = "ssm-state"
  }

  volume {
    name = "ssm-logs"
  }

  # The shared file system, through this service's access point: the
  # service sees only its own directory, as its own POSIX user, over TLS,
  # and EFS checks the task role before mounting.
  volume {
    name = "shared"

    efs_volume_configuration {
      file_system_id     = local.efs_file_system_id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = local.efs_access_point_ids[each.key]
        iam             = "ENABLED"
      }
    }
  }

  # Tasks start with the roles' permissions in place, and the permissions
  # go only after the tasks.
  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task]
}

# The ECS service keeps the desired number of tasks running in the private
# subnets of every zone, registers them with the load balancer and replaces a
# task that fails (P4, P5, F25).
resource "aws_ecs_service" "service" {
  for_each = local.services

  name             = each.key
  cluster          = local.ecs_cluster_arn
  task_definition  = aws_ecs_task_definition.service[each.key].arn
  desired_count    = each.value.desired_tasks
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  # Tasks carry the service's tags, so cost reports see them.
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  enable_execute_command  = true

  # A new task gets this long to pass the load balancer's health checks
  # before a failure counts against it.
  health_check_grace_period_seconds = try(each.value.health_check_grace_period_seconds, 60)

  # Deployments start new tasks before stopping old ones, and a deployment
  # whose tasks keep failing rolls back to the last working one by itself.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # Tasks get an address in a private subnet only: they reach the internet
  # through NAT and only the load balancer reaches them.
  network_configuration {
    subnets          = local.private_subnet_ids
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = local.alb_target_group_arns[each.key]
    container_name   = each.key
    container_port   = each.value.container_port
  }

  # Target tracking moves the task count between min_tasks and max_tasks;
  # an apply must not reset it to desired_tasks.
  lifecycle {
    ignore_changes = [desired_count]
  }
}

# Application Auto Scaling may move the service's task count between its
# minimum and maximum: each service scales on its own (P4, F16).
resource "aws_appautoscaling_target" "service" {
  for_each = local.services

  service_namespace  = "ecs"
  resource_id        = "service/${local.ecs_cluster_name}/${aws_ecs_service.service[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = each.value.min_tasks
  max_capacity       = each.value.max_tasks
}

# Target tracking on the service's CPU: more tasks when it runs hot, fewer
# when it is quiet.
#
# Target tracking adds tasks when the service's average CPU stays above the
# target and removes them when it stays below; scaling in waits longer, so
# a short lull does not stop tasks that are needed a minute later.
resource "aws_appautoscaling_policy" "cpu" {
  for_each = local.services

  name               = "${local.prefix}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.service[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.service[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.service[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.cpu_target_percent
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Each service's containers write here.
resource "aws_cloudwatch_log_group" "service" {
  for_each = local.services

  name              = "/ecs/${local.prefix}/${each.key}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# A security group: a stateful firewall around the resources attached to it
# (F31).
#
# The tasks accept connections from the load balancer only, on their
# container port; tasks of the same group cannot reach each other.
resource "aws_security_group" "service" {
  name_prefix = "${local.prefix}-service-"
  description = "ECS tasks of ${local.prefix}: the load balancer in on the container ports"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-service"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  for_each = local.service_ports

  security_group_id            = aws_security_group.service.id
  description                  = "Requests and health checks from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = local.alb_security_group_id
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
#
#trivy:ignore:AVD-AWS-0104 The image registry and the AWS APIs the tasks call have no fixed addresses; only port 443 is open.
resource "aws_vpc_security_group_egress_rule" "service_https" {
  security_group_id = aws_security_group.service.id
  description       = "HTTPS to the image registry and AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
resource "aws_vpc_security_group_egress_rule" "service_nfs" {
  security_group_id            = aws_security_group.service.id
  description                  = "NFS to the shared file system"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = local.efs_security_group_id
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only tasks of this account may take the roles (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# The execution role is what ECS uses to start a task (pull the image, write
# logs, read secrets); it is not the application's identity.
#
# The execution role is what ECS uses to start a service's tasks: pull the
# image and write to the service's own log group. It is not the
# application's identity.
resource "aws_iam_role" "execution" {
  for_each = local.services

  name               = "${local.prefix}-${each.key}-exec"
  description        = "Starts the tasks of ${each.key}: pulls the image, writes its logs"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# What the execution role may do beyond the managed policy: only what
# starting this service's tasks needs.
resource "aws_iam_role_policy" "execution" {
  for_each = local.services

  name   = "start-tasks"
  role   = aws_iam_role.execution[each.key].id
  policy = data.aws_iam_policy_document.execution[each.key].json
}

data "aws_iam_policy_document" "execution" {
  for_each = local.services

  # The image may live in any ECR repository the account can read; ECR's
  # token call takes no resource.
  statement {
    sid       = "PullImages"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service[each.key].arn}:*"]
  }

  # The database's user name and password, handed to the container when a
  # task starts: this one secret, decrypted with its own key and only
  # through Secrets Manager.
  statement {
    sid       = "ReadDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.db_connection.secret_arn]
  }

  statement {
    sid       = "DecryptDatabaseSecret"
    actions   = ["kms:Decrypt"]
    resources = [local.db_connection.secret_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.${local.dns_suffix}"]
    }
  }
}

# The task role is the identity the application's code runs as: one per
# service, so a compromised service cannot act as another (F19).
#
# The task role is the identity the application runs as. It starts with
# only what the module's own features need: add what your code calls.
resource "aws_iam_role" "task" {
  for_each = local.services

  name               = "${local.prefix}-${each.key}-task"
  description        = "Identity of the ${each.key} service's application"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# What the application may do in AWS: only what this service needs (least
# privilege).
resource "aws_iam_role_policy" "task" {
  for_each = local.services

  name   = "shared-storage-and-ecs-exec"
  role   = aws_iam_role.task[each.key].id
  policy = data.aws_iam_policy_document.task[each.key].json
}

data "aws_iam_policy_document" "task" {
  for_each = local.services

  # EFS checks this before mounting (IAM authorisation on the volume), and
  # only through the service's own access point.
  statement {
    sid       = "MountOwnAccessPoint"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
    resources = [local.efs_file_system_arn]

    condition {
      test     = "StringEquals"
      variable = "elasticfilesystem:AccessPointArn"
      values   = [local.efs_access_point_arns[each.key]]
    }
  }

  # ECS Exec: the agent's channels to Session Manager (they take no
  # resource) and the session log.
  statement {
    sid       = "ExecSessions"
    actions   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
    resources = ["*"]
  }

  statement {
    sid       = "ExecSessionLog"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${local.ecs_exec_log_group_arn}:*"]
  }

  statement {
    sid       = "ExecSessionLogGroups"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }

  statement {
    sid       = "ExecSessionKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}
