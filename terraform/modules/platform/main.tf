# The whole MemBank environment: every module composed once; envs/<env> only choose sizes.
variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment is dev, staging or prod."
  }
}

variable "vpc_cidr" {
  type = string
}

variable "azs" {
  type = list(string)
}

variable "admin_cidrs" {
  type = list(string)
}

variable "multi_az" {
  description = "HA everywhere: NAT per AZ, Aurora readers, Redis replicas."
  type        = bool
}

variable "backup_retention_days" {
  type    = number
  default = 30
}

variable "log_retention_days" {
  type = number
}

variable "sizes" {
  type = object({
    general_instance_types = list(string)
    general_min            = number
    general_max            = number
    gpu_instance_types     = list(string)
    gpu_max                = number
    aurora_instance_class  = string
    redis_node_type        = string
    msk_instance_type      = string
    msk_volume_gb          = number
  })
}

locals {
  name = "membank-${var.environment}"
  tags = {
    "membank.io/environment" = var.environment
    "managed-by"             = "opentofu"
  }
  databases = ["membank_memory", "membank_audit", "membank_governance", "membank_diagnostics", "membank_cost"]
}

module "kms" {
  source = "../kms"
  name   = local.name
  tags   = local.tags
}

module "network" {
  source                  = "../network"
  name                    = local.name
  cidr                    = var.vpc_cidr
  azs                     = var.azs
  single_nat_gateway      = !var.multi_az
  flow_log_retention_days = var.log_retention_days
  kms_key_arn             = module.kms.key_arn
  tags                    = local.tags
}

module "eks" {
  source      = "../eks"
  name        = local.name
  vpc_id      = module.network.vpc_id
  subnet_ids  = module.network.private_subnet_ids
  kms_key_arn = module.kms.key_arn
  admin_cidrs = var.admin_cidrs
  general = {
    instance_types = var.sizes.general_instance_types
    min            = var.sizes.general_min
    max            = var.sizes.general_max
    desired        = var.sizes.general_min
  }
  gpu = {
    instance_types = var.sizes.gpu_instance_types
    min            = 0
    max            = var.sizes.gpu_max
    desired        = 0
  }
  log_retention_days = var.log_retention_days
  tags               = local.tags
}

module "aurora" {
  source                    = "../aurora"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arn
  instance_class            = var.sizes.aurora_instance_class
  instances                 = var.multi_az ? 3 : 1
  backup_retention_days     = var.backup_retention_days
  databases                 = local.databases
  tags                      = local.tags
}

module "redis" {
  source                    = "../elasticache"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arn
  node_type                 = var.sizes.redis_node_type
  replicas                  = var.multi_az ? 2 : 0
  tags                      = local.tags
}

module "msk" {
  source                    = "../msk"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arn
  instance_type             = var.sizes.msk_instance_type
  volume_size_gb            = var.sizes.msk_volume_gb
  log_retention_days        = var.log_retention_days
  tags                      = local.tags
}

module "s3" {
  source                = "../s3"
  name                  = local.name
  kms_key_arn           = module.kms.key_arn
  backup_retention_days = var.backup_retention_days
  tags                  = local.tags
}

module "cloudwatch" {
  source                     = "../cloudwatch"
  name                       = local.name
  kms_key_arn                = module.kms.key_arn
  log_retention_days         = var.log_retention_days
  aurora_cluster_id          = module.aurora.cluster_id
  redis_replication_group_id = local.name
  msk_cluster_name           = local.name
  tags                       = local.tags
}

module "irsa" {
  source                     = "../irsa"
  name                       = local.name
  oidc_provider_arn          = module.eks.oidc_provider_arn
  oidc_issuer                = module.eks.oidc_issuer
  aurora_cluster_resource_id = module.aurora.cluster_resource_id
  msk_cluster_arn            = module.msk.cluster_arn
  backups_bucket_arn         = module.s3.backups_bucket_arn
  reports_bucket_arn         = module.s3.reports_bucket_arn
  kms_key_arn                = module.kms.key_arn
  tags                       = local.tags
}

output "cluster_name" {
  value = module.eks.cluster_name
}

output "aurora_endpoint" {
  value = module.aurora.endpoint
}

output "redis_endpoint" {
  value = module.redis.primary_endpoint
}

output "msk_bootstrap_brokers_iam" {
  value = module.msk.bootstrap_brokers_iam
}

output "backups_bucket" {
  value = module.s3.backups_bucket
}

output "service_account_role_arns" {
  value = module.irsa.role_arns
}
