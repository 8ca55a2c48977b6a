blueprint = "container-service"
