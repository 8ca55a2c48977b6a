# The defaults: dev, Redshift Serverless, CSV and JSON uploads, an hourly crawler.
blueprint = "s3-etl"
