def __next__(self) -> V:
    # Iteration is defined in terms of a generator function,
    # returned by iter(self); use that to define next(). This works
    # because `self.iter` is an iterable consumed by that generator,
    # so it is re-entry safe. Calling `next(self.generator())`
    # twice works and does "what you want".
    return next(iter(self))  # type: ignore
