def reload(self, modules=None, reload=False, reloader=None):
    list(self._reload_modules(
        modules, force_reload=reload, reloader=reloader))

    if self.consumer:
        self.consumer.update_strategies()
        self.consumer.reset_rate_limits()
    try:
        self.pool.restart()
    except NotImplementedError:
        pass
