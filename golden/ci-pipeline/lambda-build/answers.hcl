# Light builds on CodeBuild's Lambda compute (P9's "Lambda for light
# tests"): x86_64, 4 GB, Node.js image, S3 cache, the S3 source.
blueprint = "ci-pipeline"

name                   = "web-ci"
build_environment_type = "LINUX_LAMBDA_CONTAINER"
build_compute_type     = "BUILD_LAMBDA_4GB"
build_image            = "aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20"
build_timeout_min      = 10
