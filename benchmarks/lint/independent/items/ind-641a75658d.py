def test_compare_metadata_as_sql(self):
    context = MigrationContext.configure(
        connection=self.bind.connect(),
        opts={'as_sql': True}
    )
    metadata = self.m2

    try:
        autogenerate.compare_metadata(context, metadata)
    except CommandError:
        pass
    else:
        assert False, "unexpected success"
