output "glue_job_name" {
  description = "Name of the Glue job that turns uploads into Parquet."
  value       = aws_glue_job.etl.name
}

output "glue_crawler_name" {
  description = "Name of the Glue crawler that catalogs the curated prefix."
  value       = aws_glue_crawler.curated.name
}

output "glue_database_name" {
  description = "Name of the Glue Data Catalog database the crawler writes tables to (Redshift's external schema reads it)."
  value       = aws_glue_catalog_database.main.name
}
