def _basic_cancel(self, consumer_tag):
    try:
        queue = self._tag_to_queue[consumer_tag]
    except KeyError:
        return
    try:
        self.active_fanout_queues.remove(queue)
    except KeyError:
        pass
    else:
        self._unsubscribe_from(queue)
    try:
        exchange, _ = self._fanout_queues[queue]
        self._fanout_to_queue.pop(exchange)
    except KeyError:
        pass
    ret = super().basic_cancel(consumer_tag)
    self._update_queue_cycle()
    return ret
