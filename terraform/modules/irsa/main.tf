# IAM roles for service accounts: one role per MemBank service account (namespace membank),
# trusted only by that service account through the cluster's OIDC provider, with a
# least-privilege policy: its own Secrets Manager secrets, IAM auth to its Aurora
# database user, MSK topics it uses, and (backup, audit) the S3 prefixes it writes.
variable "name" {
  type = string
}

variable "oidc_provider_arn" {
  type = string
}

variable "oidc_issuer" {
  type = string
}

variable "namespace" {
  type    = string
  default = "membank"
}

variable "aurora_cluster_resource_id" {
  type = string
}

variable "msk_cluster_arn" {
  type = string
}

variable "backups_bucket_arn" {
  type = string
}

variable "reports_bucket_arn" {
  type = string
}

variable "kms_key_arn" {
  description = "The environment's KMS key: the buckets' default encryption, so writers need it."
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  issuer = replace(var.oidc_issuer, "https://", "")
  # service account -> database user (null: no PostgreSQL), S3 prefix it writes (null: none),
  # and whether it is a Kafka client (MSK IAM auth; the backup jobs are not)
  accounts = {
    memory-service      = { db = "membank_memory", s3 = null, kafka = true }
    search-service      = { db = null, s3 = null, kafka = true }
    graph-service       = { db = null, s3 = null, kafka = true }
    audit-service       = { db = "membank_audit", s3 = "${var.reports_bucket_arn}/audit/*", kafka = true }
    governance-service  = { db = "membank_governance", s3 = "${var.reports_bucket_arn}/exports/*", kafka = true }
    diagnostics-service = { db = "membank_diagnostics", s3 = null, kafka = true }
    cost-service        = { db = "membank_cost", s3 = null, kafka = true }
    backup              = { db = null, s3 = "${var.backups_bucket_arn}/*", kafka = false }
  }
  region  = data.aws_region.current.name
  account = data.aws_caller_identity.current.account_id
  msk     = replace(var.msk_cluster_arn, ":cluster/", ":topic/")
  group   = replace(var.msk_cluster_arn, ":cluster/", ":group/")
}

data "aws_iam_policy_document" "assume" {
  for_each = local.accounts
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${each.key}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "this" {
  for_each = local.accounts
  statement {
    sid       = "OwnSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = ["arn:${data.aws_partition.current.partition}:secretsmanager:${local.region}:${local.account}:secret:membank/${var.name}/${each.key}-*"]
  }
  # MSK IAM auth (SASL AWS_MSK_IAM, the chart's global.kafkaAuth=iam): connect to this cluster
  # only, read/write its topics, commit offsets of its consumer groups.
  dynamic "statement" {
    for_each = each.value.kafka ? ["kafka"] : []
    content {
      sid       = "KafkaConnect"
      actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
      resources = [var.msk_cluster_arn]
    }
  }
  dynamic "statement" {
    for_each = each.value.kafka ? ["kafka"] : []
    content {
      sid       = "KafkaTopics"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData"]
      resources = ["${local.msk}/*"]
    }
  }
  dynamic "statement" {
    for_each = each.value.kafka ? ["kafka"] : []
    content {
      sid       = "KafkaGroups"
      actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
      resources = ["${local.group}/*"]
    }
  }
  dynamic "statement" {
    for_each = each.value.db == null ? [] : [each.value.db]
    content {
      sid       = "DatabaseIamAuth"
      actions   = ["rds-db:connect"]
      resources = ["arn:${data.aws_partition.current.partition}:rds-db:${local.region}:${local.account}:dbuser:${var.aurora_cluster_resource_id}/${statement.value}"]
    }
  }
  dynamic "statement" {
    for_each = each.value.s3 == null ? [] : [each.value.s3]
    content {
      sid       = "WriteOwnPrefix"
      actions   = ["s3:PutObject", "s3:GetObject"]
      resources = [statement.value]
    }
  }
  dynamic "statement" {
    for_each = each.value.s3 == null ? [] : ["kms"]
    content {
      sid       = "BucketKey"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [var.kms_key_arn]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each           = local.accounts
  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume[each.key].json
  tags               = var.tags
}

resource "aws_iam_role_policy" "this" {
  for_each = local.accounts
  name     = "least-privilege"
  role     = aws_iam_role.this[each.key].id
  policy   = data.aws_iam_policy_document.this[each.key].json
}

output "role_arns" {
  value = { for k, r in aws_iam_role.this : k => r.arn }
}
