def __eq__(self, other):
    if not isinstance(other, ProcessGroupConfig):
        return False

    if self.name != other.name:
        return False
    if self.priority != other.priority:
        return False
    if self.process_configs != other.process_configs:
        return False

    return True
