def __lt__(self, other):
    return (self.section == other.section and
            self.order < other.order)
