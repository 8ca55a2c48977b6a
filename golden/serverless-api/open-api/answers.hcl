# A public API without authorization, on Node.js, with a sort key and the
# table on-demand.
blueprint = "serverless-api"

name     = "open"
auth     = "none"
runtime  = "nodejs22.x"
sort_key = "created_at"
