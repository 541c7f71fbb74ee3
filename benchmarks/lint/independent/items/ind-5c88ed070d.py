def _connect_retry(self):
    if self._sock:
        return  # already connected
    if self.connection_pool.is_master:
        self.connect_to(self.connection_pool.get_master_address())
    else:
        for slave in self.connection_pool.rotate_slaves():
            try:
                return self.connect_to(slave)
            except ConnectionError:
                continue
        raise SlaveNotFoundError  # Never be here
