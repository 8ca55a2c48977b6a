# Training on EC2 On-Demand GPUs (no interruptions, full price), served by
# one ml.m5.large instance whose volume the module's key encrypts.
blueprint = "ml-pipeline"

name                   = "fraud"
compute                = "ec2"
instance_types         = "g4dn"
endpoint_kind          = "instances"
endpoint_instance_type = "ml.m5.large"
