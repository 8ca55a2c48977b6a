# The Redshift load on Redshift Serverless, otherwise the defaults: three
# zones (the workgroup needs them), 8 RPUs, Parquet into public.batch_results.
blueprint = "scheduled-batch"

name          = "loads"
redshift_load = true
