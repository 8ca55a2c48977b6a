blueprint = "serverless-api"
