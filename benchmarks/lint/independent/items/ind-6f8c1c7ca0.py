def init_crash_handler(self):
    """Create a crash handler, typically setting sys.excepthook to it."""
    self.crash_handler = self.crash_handler_class(self)
    sys.excepthook = self.excepthook
    def unset_crashhandler():
        sys.excepthook = sys.__excepthook__
    atexit.register(unset_crashhandler)
