def __lt__(self, other):
    """Check if this hook's priority is lower than the other's.

    :param other: Another object to compare priority with.
    :type other: Hook

    :returns: Whether the other Hook's priority is higher than this one's.
    :rtype: bool

    Hooks sort by priority, ascending, such that
    hooks of lower priority are run first.
    """
    return self.priority < other.priority
