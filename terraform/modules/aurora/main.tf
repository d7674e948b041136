# Aurora PostgreSQL: one cluster, one database per service (created by the services'
# Flyway migrations' owner role, see docs/deploy.md), encrypted with the environment's
# key, automated backups kept backup_retention_days, IAM auth, deletion protection, one
# writer and (prod) readers in other AZs: multi-AZ.
variable "name" {
  type = string
}

variable "engine_version" {
  type    = string
  default = "16.4"
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect (the EKS nodes/cluster)."
  type        = list(string)
}

variable "kms_key_arn" {
  type = string
}

variable "instance_class" {
  type = string
}

variable "instances" {
  description = "Writer + readers; 2 or more places them in different AZs (multi-AZ)."
  type        = number
}

variable "backup_retention_days" {
  type = number
}

variable "databases" {
  description = "Per-service databases (created by the bootstrap job, docs/deploy.md)."
  type        = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL: from the EKS cluster only"
  vpc_id      = var.vpc_id
  ingress {
    description     = "PostgreSQL from the cluster"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = var.client_security_group_ids
  }
  tags = var.tags
}

resource "aws_rds_cluster_parameter_group" "this" {
  name   = "${var.name}-aurora-pg16"
  family = "aurora-postgresql16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
  tags = var.tags
}

resource "aws_rds_cluster" "this" {
  # checkov:skip=CKV2_AWS_8:automated backups (backup_retention_days, 30) and PITR, plus the nightly per-service pg_dump to S3 (k8s CronJob); no separate AWS Backup plan
  cluster_identifier                  = var.name
  engine                              = "aurora-postgresql"
  engine_version                      = var.engine_version
  database_name                       = "membank"
  master_username                     = "membank_admin"
  manage_master_user_password         = true
  master_user_secret_kms_key_id       = var.kms_key_arn
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.this.id]
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.this.name
  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arn
  backup_retention_period             = var.backup_retention_days
  preferred_backup_window             = "02:00-03:00"
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${var.name}-final"
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  tags                                = merge(var.tags, { "membank.io/databases" = join(",", var.databases) })
}

resource "aws_rds_cluster_instance" "this" {
  count                                 = var.instances
  identifier                            = "${var.name}-${count.index}"
  cluster_identifier                    = aws_rds_cluster.this.id
  engine                                = aws_rds_cluster.this.engine
  engine_version                        = aws_rds_cluster.this.engine_version
  instance_class                        = var.instance_class
  db_subnet_group_name                  = aws_db_subnet_group.this.name
  publicly_accessible                   = false
  auto_minor_version_upgrade            = true
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = 7
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.monitoring.arn
  tags                                  = var.tags
}

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name               = "${var.name}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

output "endpoint" {
  value = aws_rds_cluster.this.endpoint
}

output "cluster_id" {
  value = aws_rds_cluster.this.id
}

output "cluster_resource_id" {
  value = aws_rds_cluster.this.cluster_resource_id
}
