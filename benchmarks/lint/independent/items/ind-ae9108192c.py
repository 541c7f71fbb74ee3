doc = doc.decode(  # type: ignore[attr-defined]
    self.module._alembic_source_encoding
)
