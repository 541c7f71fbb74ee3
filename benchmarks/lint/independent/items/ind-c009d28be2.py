def discover_slaves(self, service_name):
    "Returns a list of alive slaves for service ``service_name``"
    for sentinel in self.sentinels:
        try:
            slaves = sentinel.sentinel_slaves(service_name)
        except (ConnectionError, ResponseError, TimeoutError):
            continue
        slaves = self.filter_slaves(slaves)
        if slaves:
            return slaves
    return []
