def declare_queues(self, consumer):
    # declare all queues on the new broker.
    for queue in consumer.queues:
        if self.queues and queue.name not in self.queues:
            continue
        if self.on_declare_queue is not None:
            self.on_declare_queue(queue)
        try:
            _, mcount, _ = queue(
                consumer.channel).queue_declare(passive=True)
            if mcount:
                self.state.total_apx += mcount
        except self.conn.channel_errors:
            pass
