# An endpoint on two GPU instances with local NVMe storage (ml.g5.xlarge),
# whose volumes their hardware encrypts: the configuration carries no KMS
# key. Prod.
blueprint = "ml-pipeline"

name                    = "recs"
environment             = "prod"
endpoint_kind           = "instances"
endpoint_instance_type  = "ml.g5.xlarge"
endpoint_instance_count = 2
