package blueprints

// ServerlessAPI is P2: API Gateway → Lambda → DynamoDB. (being written)
func ServerlessAPI() *Blueprint { return &Blueprint{ID: "serverless-api"} }
