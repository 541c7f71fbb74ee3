def basic_ack(self, delivery_tag, multiple=False):
    try:
        message = self.qos.get(delivery_tag).delivery_info
        sqs_message = message['sqs_message']
    except KeyError:
        pass
    else:
        queue = None
        if 'routing_key' in message:
            queue = self.canonical_queue_name(message['routing_key'])

        self.sqs(queue=queue).delete_message(
            QueueUrl=message['sqs_queue'],
            ReceiptHandle=sqs_message['ReceiptHandle'],
        )
    super(Channel, self).basic_ack(delivery_tag)
