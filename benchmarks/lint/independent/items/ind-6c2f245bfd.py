while self.alive:
    self.notify()
    try:
        eventlet.sleep(1.0)
    except AssertionError:
        self.alive = False
        break

self.notify()
