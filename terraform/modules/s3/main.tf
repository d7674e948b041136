# S3 buckets for backups (pg_dump, Neo4j dumps, CloudNativePG WAL) and reports (audit
# reports, exports), and the bucket their access logs go to; each one a `bucket` module:
# versioned, KMS-encrypted, TLS-only, every public access blocked, lifecycle.
variable "name" {
  description = "Bucket name prefix: <name>-backups, <name>-reports, <name>-access-logs."
  type        = string
}

variable "kms_key_arn" {
  type = string
}

variable "backup_retention_days" {
  type = number
}

variable "tags" {
  type    = map(string)
  default = {}
}

module "access_logs" {
  source      = "./bucket"
  name        = "${var.name}-access-logs"
  kms_key_arn = var.kms_key_arn
  expire_days = 365
  tags        = var.tags
}

module "backups" {
  source      = "./bucket"
  name        = "${var.name}-backups"
  kms_key_arn = var.kms_key_arn
  expire_days = var.backup_retention_days
  log_bucket  = module.access_logs.id
  tags        = var.tags
}

module "reports" {
  source      = "./bucket"
  name        = "${var.name}-reports"
  kms_key_arn = var.kms_key_arn
  expire_days = 365
  log_bucket  = module.access_logs.id
  tags        = var.tags
}

output "backups_bucket" {
  value = module.backups.id
}

output "backups_bucket_arn" {
  value = module.backups.arn
}

output "reports_bucket_arn" {
  value = module.reports.arn
}
