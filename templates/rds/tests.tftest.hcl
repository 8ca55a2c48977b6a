assert {
  condition     = aws_db_instance.main.storage_encrypted && !aws_db_instance.main.publicly_accessible
  error_message = "The database must be encrypted at rest and never publicly accessible."
}

assert {
  condition     = aws_db_instance.main.manage_master_user_password && aws_db_instance.main.password == null
  error_message = "The master password must be generated and kept by AWS, never written in the configuration."
}

assert {
  condition     = aws_db_instance.main.deletion_protection == var.deletion_protection && aws_db_instance.main.multi_az == var.db_multi_az
  error_message = "Deletion protection and multi-AZ must follow deletion_protection and db_multi_az."
}

assert {
  condition     = aws_db_instance.main.backup_retention_period == var.db_backup_retention_days && aws_db_instance.main.skip_final_snapshot == !local.is_prod
  error_message = "Backups must be kept as asked, and a prod database must leave a final snapshot."
}

assert {
  condition     = aws_vpc_security_group_ingress_rule.db_from_app.cidr_ipv4 == null && aws_vpc_security_group_ingress_rule.db_from_app.from_port == local.db.port
  error_message = "The database must accept connections from the application's security group only."
}
