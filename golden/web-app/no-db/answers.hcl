# The toggles off: no database, no CloudFront; the load balancer serves the
# internet directly over HTTP.
blueprint = "web-app"

name       = "nodb"
db_engine  = "none"
cloudfront = false
