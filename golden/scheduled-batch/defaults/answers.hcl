# The defaults: dev, two zones, Fargate, nightly at 02:00 UTC.
blueprint = "scheduled-batch"
