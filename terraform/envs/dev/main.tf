# MemBank dev environment. State in S3 with a lock file (S3 conditional writes; OpenTofu
# >= 1.10), encrypted with the state bucket's key. Apply order: docs/deploy.md.
terraform {
  backend "s3" {
    bucket       = "membank-tofu-state"
    key          = "envs/dev/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { "membank.io/environment" = "dev" }
  }
}

module "platform" {
  source                = "../../modules/platform"
  environment           = "dev"
  vpc_cidr              = "10.20.0.0/16"
  azs                   = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  admin_cidrs           = var.admin_cidrs
  multi_az              = false
  backup_retention_days = 30
  log_retention_days    = 30
  sizes = {
    general_instance_types = ["m7i.large"]
    general_min            = 2
    general_max            = 4
    gpu_instance_types     = ["g5.xlarge"]
    gpu_max                = 1
    aurora_instance_class  = "db.t4g.medium"
    redis_node_type        = "cache.t4g.small"
    msk_instance_type      = "kafka.t3.small"
    msk_volume_gb          = 50
  }
}

variable "admin_cidrs" {
  description = "CIDRs of the VPN and CI runners that reach the private EKS API."
  type        = list(string)
}

output "platform" {
  value = module.platform
}
