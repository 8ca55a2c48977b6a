# A public API without authorization, on Python, with a sort key and the
# table on-demand.
blueprint = "serverless-api"

name     = "open"
auth     = "none"
sort_key = "created_at"
