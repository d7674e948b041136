# MemBank prod environment. State in S3 with a lock file (S3 conditional writes; OpenTofu
# >= 1.10), encrypted with the state bucket's key. Apply order: docs/deploy.md.
terraform {
  backend "s3" {
    bucket       = "membank-tofu-state"
    key          = "envs/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { "membank.io/environment" = "prod" }
  }
}

module "platform" {
  source                = "../../modules/platform"
  environment           = "prod"
  vpc_cidr              = "10.40.0.0/16"
  azs                   = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  admin_cidrs           = var.admin_cidrs
  multi_az              = true
  backup_retention_days = 30
  log_retention_days    = 365
  sizes = {
    general_instance_types = ["m7i.2xlarge"]
    general_min            = 6
    general_max            = 20
    gpu_instance_types     = ["g5.2xlarge"]
    gpu_max                = 4
    aurora_instance_class  = "db.r7g.xlarge"
    redis_node_type        = "cache.r7g.xlarge"
    msk_instance_type      = "kafka.m7g.xlarge"
    msk_volume_gb          = 1000
  }
}

variable "admin_cidrs" {
  description = "CIDRs of the VPN and CI runners that reach the private EKS API."
  type        = list(string)
}

output "platform" {
  value = module.platform
}
