def __bool__(self) -> bool:
    if threading.get_ident() not in self._dbs and not os.path.exists(self._filename):
        return False
    try:
        with self._connect() as con:
            with con.execute("SELECT * FROM file LIMIT 1") as cur:
                return bool(list(cur))
    except CoverageException:
        return False
