# CloudWatch: the services' log group (Fluent Bit ships container logs here) with
# retention, an SNS topic for alarms, and alarms on the managed stores (Aurora CPU and
# connections, Redis memory, MSK disk) — the service-level alerts live in Prometheus
# (observability/prometheus/rules).
variable "name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "log_retention_days" {
  type = number
}

variable "aurora_cluster_id" {
  type = string
}

variable "redis_replication_group_id" {
  type = string
}

variable "msk_cluster_name" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_cloudwatch_log_group" "services" {
  name              = "/membank/${var.name}/services"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

locals {
  alarms = {
    aurora-cpu = {
      namespace  = "AWS/RDS", metric = "CPUUtilization", threshold = 80, stat = "Average"
      dimensions = { DBClusterIdentifier = var.aurora_cluster_id }
    }
    aurora-connections = {
      namespace  = "AWS/RDS", metric = "DatabaseConnections", threshold = 400, stat = "Maximum"
      dimensions = { DBClusterIdentifier = var.aurora_cluster_id }
    }
    redis-memory = {
      namespace  = "AWS/ElastiCache", metric = "DatabaseMemoryUsagePercentage", threshold = 80, stat = "Maximum"
      dimensions = { ReplicationGroupId = var.redis_replication_group_id }
    }
    msk-disk = {
      namespace  = "AWS/Kafka", metric = "KafkaDataLogsDiskUsed", threshold = 75, stat = "Maximum"
      dimensions = { "Cluster Name" = var.msk_cluster_name }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each            = local.alarms
  alarm_name          = "${var.name}-${each.key}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.stat
  dimensions          = each.value.dimensions
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  period              = 300
  evaluation_periods  = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
  tags                = var.tags
}

output "services_log_group" {
  value = aws_cloudwatch_log_group.services.name
}

output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}
