output "efs_file_system_id" {
  description = "ID of the shared EFS file system; each service mounts its own directory of it at /mnt/shared."
  value       = aws_efs_file_system.shared.id
}
