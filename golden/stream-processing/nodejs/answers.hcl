# Node.js, one item per record in the DynamoDB table.
blueprint = "stream-processing"
runtime   = "nodejs22.x"
