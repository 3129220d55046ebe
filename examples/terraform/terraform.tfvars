project     = "orders-prod"
build_hosts = 2
