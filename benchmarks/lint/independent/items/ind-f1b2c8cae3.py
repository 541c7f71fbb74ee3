def _sqlite_json(self, config):
    if not exclusions.against(config, "sqlite >= 3.9"):
        return False
    else:
        with config.db.connect() as conn:
            try:
                return (
                    conn.execute(
                        text(
                            """select json_extract('{"foo": "bar"}', """
                            """'$."foo"')"""
                        )
                    ).scalar()
                    == "bar"
                )
            except sqla_exc.DBAPIError:
                return False
