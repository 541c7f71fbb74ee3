self.logger.trace(log_text, prefix, task_counter, logged_scope)  # type: ignore
