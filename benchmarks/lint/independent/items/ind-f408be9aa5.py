def can_advance(self, to: int) -> bool:
    # Try to eat, fail if it can't. The eat operation is cached
    # so there won't be any additional cost of eating here
    try:
        self.eat(to)
    except StopIteration:
        return False
    else:
        return True
