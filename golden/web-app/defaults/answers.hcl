blueprint = "web-app"
