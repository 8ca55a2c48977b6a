# A provisioned RA3 cluster of two nodes instead of Redshift Serverless, on
# two zones (a cluster needs no third); parquet uploads only, the crawler
# on demand.
blueprint = "s3-etl"

name                = "orders"
redshift_deployment = "provisioned"
redshift_node_type  = "ra3.xlplus"
redshift_node_count = 2
az_count            = 2
allowed_formats     = "parquet"
crawler_schedule    = ""
