def _exit(self, code):
    os._exit(code)
