def __eq__(self, other: object) -> bool:
    return id(self) == id(other)
