def reset_input_buffer(self):
    """Clear input buffer, discarding all that is in the buffer."""
    if not self.is_open:
        raise PortNotOpenError()
    if self.logger:
        self.logger.info('reset_input_buffer()')
    try:
        while self.queue.qsize():
            self.queue.get_nowait()
    except queue.Empty:
        pass
