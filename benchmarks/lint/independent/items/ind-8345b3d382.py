def __call__(self, task: "Task") -> RenderableType:
    """Called by the Progress object to return a renderable for the given task.

    Args:
        task (Task): An object containing information regarding the task.

    Returns:
        RenderableType: Anything renderable (including str).
    """
    current_time = task.get_time()
    if self.max_refresh is not None and not task.completed:
        try:
            timestamp, renderable = self._renderable_cache[task.id]
        except KeyError:
            pass
        else:
            if timestamp + self.max_refresh > current_time:
                return renderable

    renderable = self.render(task)
    self._renderable_cache[task.id] = (current_time, renderable)
    return renderable
