self.add_field(k, rec)  # type: ignore[arg-type]
