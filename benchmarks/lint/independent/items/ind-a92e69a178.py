in_transaction = connection.in_transaction  # type: ignore[union-attr]
