def __eq__(self, other: object) -> bool:
    return (
        isinstance(other, RevisionStep)
        and other.revision == self.revision
        and self.is_upgrade == other.is_upgrade
    )
