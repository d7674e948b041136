# ElastiCache Redis (rate limits, revocation list, caches): encryption in transit and at
# rest, AUTH token from Secrets Manager, automatic failover across AZs when replicas > 0.
variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_ids" {
  type = list(string)
}

variable "kms_key_arn" {
  type = string
}

variable "node_type" {
  type = string
}

variable "replicas" {
  description = "Replicas per shard; 1 or more enables automatic failover and multi-AZ."
  type        = number
}

variable "snapshot_retention_days" {
  type    = number
  default = 1
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "ElastiCache Redis: from the EKS cluster only"
  vpc_id      = var.vpc_id
  ingress {
    description     = "Redis (TLS) from the cluster"
    from_port       = 6379
    to_port         = 6379
    protocol        = "tcp"
    security_groups = var.client_security_group_ids
  }
  tags = var.tags
}

resource "aws_secretsmanager_secret" "auth" {
  # checkov:skip=CKV2_AWS_57:the Redis AUTH token is rotated with ElastiCache's modify-replication-group (auth_token_update_strategy ROTATE) by the operator runbook, not a Secrets Manager rotation lambda
  name                    = "membank/${var.name}/redis"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7
  tags                    = var.tags
}

resource "random_password" "auth" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret_version" "auth" {
  secret_id     = aws_secretsmanager_secret.auth.id
  secret_string = jsonencode({ password = random_password.auth.result })
}

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV2_AWS_50:dev runs one node (replicas = 0); staging and prod have 2 replicas with automatic failover and multi-AZ (asserted in terraform/tests)
  replication_group_id       = var.name
  description                = "MemBank Redis (${var.name})"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.node_type
  num_cache_clusters         = 1 + var.replicas
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.replicas > 0
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.this.id]
  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result
  snapshot_retention_limit   = var.snapshot_retention_days
  auto_minor_version_upgrade = true
  tags                       = var.tags
}

output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "auth_secret_arn" {
  value = aws_secretsmanager_secret.auth.arn
}
