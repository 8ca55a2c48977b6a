# Where the pipeline's source comes from: a Git repository, reached through
# an AWS CodeConnections connection. Terraform creates the connection
# PENDING: a person must complete the handshake with the Git provider once,
# in the console (Developer Tools > Settings > Connections > Update pending
# connection), before the pipeline can read the repository.
#
# Provides: local.source_connection_arn.

locals {
  source_connection_arn = aws_codeconnections_connection.source.arn
}

# The CodeConnections connection lets the pipeline read the Git repository; a
# person completes its handshake once in the console.
resource "aws_codeconnections_connection" "source" {
  name          = "${local.prefix}-git"
  provider_type = "GitHub"
}
