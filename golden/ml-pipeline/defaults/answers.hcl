# The defaults: dev, two zones, GPU Spot training (g5, g6, g4dn), a
# serverless endpoint, placeholder images.
blueprint = "ml-pipeline"
