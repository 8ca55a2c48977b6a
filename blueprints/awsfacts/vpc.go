package awsfacts

// SubnetReservedAddresses is how many addresses of every subnet AWS keeps
// for itself, so no network interface can take them: the first four (the
// network address, the VPC router, DNS, one reserved for future use) and
// the last. A /27 subnet holds 32 addresses and 27 interfaces.
// Source: https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
// (read 2026-12-01).
const SubnetReservedAddresses = 5

// ECSDeploymentMaximumPercent is the deployment_maximum_percent scaffold's
// ECS services take (templates/ecs_service): during a rolling deployment a
// service runs up to twice its task count, the new tasks beside the old,
// each with a network interface of its own on Fargate (awsvpc).
// Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html
// (maximumPercent, read 2026-12-01).
const ECSDeploymentMaximumPercent = 200
