def reset(self):
    try:
        self.read_load_balancer.reset()
    except TypeError:
        # The read_load_balancer is None, do nothing
        pass
