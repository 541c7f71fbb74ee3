def _has_queue(self, queue, **kwargs):
    """Verify that queue exists.

    Returns
    -------
        bool: Should return :const:`True` if the queue exists
            or :const:`False` otherwise.
    """
    try:
        self.client.read(self._key_prefix(queue))
        return True
    except etcd.EtcdKeyNotFound:
        return False
