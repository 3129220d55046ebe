variable "project" {
  type    = string
  default = "orders"
}

variable "vpc_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "ami_id" {
  type = string
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/16"]
}

variable "build_hosts" {
  type    = number
  default = 1
}

locals {
  tags = {
    Project = var.project
    Owner   = "platform-team"
  }
}
