def __eq__(self, other: t.Any) -> bool:
    return type(self) is type(other)
