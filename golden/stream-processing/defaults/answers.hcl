# The defaults: dev, on-demand stream, Python, one item per record in DynamoDB.
blueprint = "stream-processing"
