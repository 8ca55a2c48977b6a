"""Glue Spark job: uploads of the landing bucket to Parquet in the curated bucket.

Arguments (the job's default arguments; the validator overrides --source_key):
  --source_bucket  the landing bucket
  --source_key     one upload's key, or a prefix ending in "/" for all of them
  --formats        the accepted file types, comma-separated (csv, json, parquet)
  --curated_path   s3://bucket/prefix/ the Parquet files are written under

Job bookmarks are on: each reader has its own transformation_ctx, so a
file already processed is skipped when the whole prefix is read again.
"""

import json
import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

ARGS = getResolvedOptions(sys.argv, ["JOB_NAME", "source_bucket", "source_key", "formats", "curated_path"])

# How each accepted file type is read: csv with a header line, json one
# object per line, parquet as is.
READ_OPTIONS = {
    "csv": {"withHeader": True, "separator": ","},
    "json": {"multiline": False},
    "parquet": {},
}


def main():
    glue = GlueContext(SparkContext.getOrCreate())
    job = Job(glue)
    job.init(ARGS["JOB_NAME"], ARGS)

    formats = [f for f in ARGS["formats"].split(",") if f in READ_OPTIONS]
    key = ARGS["source_key"]
    path = f"s3://{ARGS['source_bucket']}/{key}"
    if key.endswith("/"):
        # A whole prefix: each format reads only its own files.
        # Glue takes exclusions as a JSON list in a string
        # (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-connect-s3-home.html).
        sources = [
            (fmt, {"paths": [path], "recurse": True, "exclusions": json.dumps([f"**.{o}" for o in formats if o != fmt])})
            for fmt in formats
        ]
    else:
        fmt = key.rsplit(".", 1)[-1].lower()
        if fmt not in formats:
            raise ValueError(f"{key}: not one of the accepted types {formats}")
        sources = [(fmt, {"paths": [path]})]

    for fmt, connection in sources:
        frame = glue.create_dynamic_frame.from_options(
            connection_type="s3",
            connection_options=connection,
            format=fmt,
            format_options=READ_OPTIONS[fmt],
            transformation_ctx=f"read_{fmt}",
        )
        if frame.count() == 0:
            continue
        glue.write_dynamic_frame.from_options(
            frame=frame,
            connection_type="s3",
            connection_options={"path": ARGS["curated_path"]},
            format="glueparquet",
            format_options={"compression": "snappy"},
            transformation_ctx=f"write_{fmt}",
        )

    job.commit()


main()
