def __eq__(self, other):
    return all(
        [
            self.username == getattr(other, "username", None),
            self.password == getattr(other, "password", None),
        ]
    )
