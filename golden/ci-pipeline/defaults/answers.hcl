# The defaults: an S3 source object, CodeBuild on EC2 (small, Amazon Linux),
# integration tests on Batch with EC2 Spot.
blueprint = "ci-pipeline"
