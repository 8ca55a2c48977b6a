# Glue turns uploads into curated Parquet: a Spark job whose script
# scaffold wrote (src/etl_job.py), a Data Catalog database, a crawler that
# catalogs the curated prefix, and a security configuration that encrypts
# everything Glue writes with the module's key.
#
# Provides: local.glue_database_name, local.glue_job_name and
# local.glue_job_arn. Reads: local.landing_bucket_name and
# local.landing_bucket_arn (what the job reads), local.curated_bucket_name
# and local.curated_bucket_arn (what it writes, and its script).

locals {
  glue_database_name = aws_glue_catalog_database.main.name
  glue_job_name      = aws_glue_job.etl.name
  glue_job_arn       = aws_glue_job.etl.arn

  glue_script_key = "${var.glue_prefix}scripts/etl_job.py"
  curated_path    = "s3://${local.curated_bucket_name}/${var.curated_prefix}"
}

# The Glue Data Catalog database holds the tables' schemas, which Redshift
# reads through an external schema (P3).
resource "aws_glue_catalog_database" "main" {
  # Underscores rather than hyphens: Spark SQL, Athena and Redshift then
  # take the database name without quoting.
  name        = replace(local.prefix, "-", "_")
  description = "${local.prefix}: tables of the curated Parquet files"
}

# The security configuration encrypts what the Glue job writes: its S3
# output, its logs and its job bookmarks.
#
# S3 output, logs and bookmarks, all with the module's key (Glue
# encrypts nothing of these by default). Bookmarks are encrypted on the
# client side (CSE-KMS), the only mode Glue offers for them; logs and S3
# output on the service side. Modes: provider
# internal/service/glue/security_configuration.go.
resource "aws_glue_security_configuration" "main" {
  name = "${local.prefix}-etl"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = local.kms_key_arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = local.kms_key_arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = local.kms_key_arn
    }
  }
}

# The job's PySpark script, which scaffold wrote, uploaded where Glue reads
# it.
#
# The script the job runs, uploaded again whenever src/etl_job.py changes
# (source_hash: the bucket's KMS encryption makes the ETag no MD5). Glue
# reads it only when a run starts, so the job does not wait for it.
resource "aws_s3_object" "etl_script" {
  bucket      = local.curated_bucket_name
  key         = local.glue_script_key
  source      = "${path.module}/src/etl_job.py"
  source_hash = filemd5("${path.module}/src/etl_job.py")
}

# The Glue job runs the transformation on serverless Spark, billed per
# DPU-hour while it runs; job bookmarks remember what it has processed (P3).
resource "aws_glue_job" "etl" {
  name              = "${local.prefix}-etl"
  description       = "${local.prefix}: uploads of the landing bucket to Parquet in the curated bucket"
  role_arn          = aws_iam_role.glue.arn
  glue_version      = var.glue_version
  worker_type       = var.glue_worker_type
  number_of_workers = var.glue_workers
  timeout           = var.glue_timeout_min
  max_retries       = var.glue_max_retries

  # Said, not left to the default Glue reads back: FLEX runs on spare
  # capacity and may start late, which an upload waiting for its load
  # should not.
  execution_class = "STANDARD"

  security_configuration = aws_glue_security_configuration.main.name

  # One run at a time, the others queued rather than refused, so job
  # bookmarks never race and a burst of uploads is processed in turn.
  job_run_queuing_enabled = true

  execution_property {
    max_concurrent_runs = 1
  }

  # Spark (glueetl): Python shell jobs cannot use job bookmarks
  # (https://docs.aws.amazon.com/glue/latest/dg/add-job-python.html).
  command {
    name            = "glueetl"
    script_location = "s3://${local.curated_bucket_name}/${local.glue_script_key}"
    python_version  = "3"
  }

  default_arguments = {
    "--job-language"                     = "python"
    "--job-bookmark-option"              = "job-bookmark-enable"
    "--TempDir"                          = "s3://${local.curated_bucket_name}/${var.glue_prefix}temp/"
    "--enable-metrics"                   = "true"
    "--enable-continuous-cloudwatch-log" = "true"
    "--source_bucket"                    = local.landing_bucket_name
    # The validator passes each upload's key; a run started by hand
    # processes the whole incoming prefix, bookmarks skipping what is done.
    "--source_key"   = var.incoming_prefix
    "--formats"      = var.allowed_formats
    "--curated_path" = local.curated_path
  }

  depends_on = [aws_iam_role_policy.glue]
}

# The crawler reads the curated Parquet and records its schema as a table in
# the catalog.
resource "aws_glue_crawler" "curated" {
  name                   = "${local.prefix}-curated"
  description            = "${local.prefix}: catalogs the curated Parquet files"
  database_name          = aws_glue_catalog_database.main.name
  role                   = aws_iam_role.glue.arn
  security_configuration = aws_glue_security_configuration.main.name
  schedule               = var.crawler_schedule == "" ? null : var.crawler_schedule

  s3_target {
    path = local.curated_path
  }

  # New columns are added to the tables; a vanished file never drops a
  # table Redshift queries.
  schema_change_policy {
    update_behavior = "UPDATE_IN_DATABASE"
    delete_behavior = "LOG"
  }

  # Every crawl reads the whole prefix: the job adds files to the folder
  # the crawler has seen, which "new folders only" would never read again,
  # and Glue allows that mode only with LOG for both behaviours above.
  recrawl_policy {
    recrawl_behavior = "CRAWL_EVERYTHING"
  }

  depends_on = [aws_iam_role_policy.glue]
}

# An IAM role: an identity glue.amazonaws.com takes to act for this module,
# holding only the permissions it needs (F31).
resource "aws_iam_role" "glue" {
  name               = "${local.prefix}-glue"
  description        = "Glue job and crawler of ${local.prefix}: its prefixes, its catalog database, its logs."
  assume_role_policy = data.aws_iam_policy_document.glue_assume.json
}

data "aws_iam_policy_document" "glue_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }

    # Only Glue acting for this account may take the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# The role's own policy: the actions it may take, on this module's resources
# only (least privilege).
resource "aws_iam_role_policy" "glue" {
  name   = "least-privilege"
  role   = aws_iam_role.glue.id
  policy = data.aws_iam_policy_document.glue.json
}

# The job reads the incoming prefix and writes the curated one; the crawler
# reads the curated prefix and writes the catalog database; both log. No
# AWSGlueServiceRole, which reaches every aws-glue-* bucket.
data "aws_iam_policy_document" "glue" {
  statement {
    sid       = "ReadUploads"
    actions   = ["s3:GetObject"]
    resources = ["${local.landing_bucket_arn}/${var.incoming_prefix}*"]
  }

  statement {
    sid       = "ListUploads"
    actions   = ["s3:ListBucket"]
    resources = [local.landing_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.incoming_prefix}*"]
    }
  }

  statement {
    sid     = "ReadWriteCurated"
    actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [
      "${local.curated_bucket_arn}/${var.curated_prefix}*",
      "${local.curated_bucket_arn}/${var.glue_prefix}temp/*",
    ]
  }

  statement {
    sid       = "ReadScript"
    actions   = ["s3:GetObject"]
    resources = ["${local.curated_bucket_arn}/${var.glue_prefix}scripts/*"]
  }

  statement {
    sid       = "ListCurated"
    actions   = ["s3:ListBucket"]
    resources = [local.curated_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.curated_prefix}*", "${var.glue_prefix}*"]
    }
  }

  statement {
    sid = "CatalogDatabase"
    actions = [
      "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
      "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition",
      "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:BatchUpdatePartition",
    ]
    resources = [
      "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog",
      aws_glue_catalog_database.main.arn,
      "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${aws_glue_catalog_database.main.name}/*",
    ]
  }

  # Glue names its log groups itself (/aws-glue/...); with the security
  # configuration it also associates the module's key with them.
  statement {
    sid       = "WriteGlueLogs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws-glue/*"]
  }

  statement {
    sid       = "PublishJobMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Glue"]
    }
  }

  # S3 output (SSE-KMS), bookmarks (CSE-KMS) and logs use the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }
}
