# The Redshift load on a provisioned single-node ra3.large cluster, CSV
# files into a table of its own schema.
blueprint = "scheduled-batch"

name                    = "warehouse"
redshift_load           = true
redshift_deployment     = "provisioned"
redshift_node_type      = "ra3.large"
redshift_node_count     = 1
redshift_database_name  = "sales"
redshift_admin_username = "loader"
redshift_table          = "staging.daily_sales"
redshift_load_format    = "csv"
output_prefix           = "sales/daily/"
