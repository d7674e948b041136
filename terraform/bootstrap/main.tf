# Remote state for every environment: one versioned, KMS-encrypted, private S3 bucket.
# Locking uses S3 conditional writes (backend "s3" { use_lockfile = true }, OpenTofu
# >= 1.10), so no DynamoDB table is needed. Applied once, first, with local state
# (docs/deploy.md); its own state file is then kept in the bucket under bootstrap/.
terraform {
  required_version = ">= 1.10.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "state" {
  # checkov:skip=CKV2_AWS_64:the default key policy (account root) is what the state key needs: only IAM principals of this account with kms permissions use it
  description             = "membank-tofu-state"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_s3_bucket" "state" {
  # checkov:skip=CKV_AWS_18:access to the state is audited by CloudTrail data events; a log bucket for the state bucket would itself need state
  # checkov:skip=CKV_AWS_144:state is small and versioned; a cross-region copy is not required for recovery (envs can be re-imported)
  # checkov:skip=CKV2_AWS_62:nothing consumes state bucket events
  bucket = "membank-tofu-state"
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.state.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    id     = "old-state-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
