def test_django_db_reset_sequences_fixture(
    self,
    db: None,  # noqa: ARG002
    django_pytester: DjangoPytester,
    non_zero_sequences_counter: None,  # noqa: ARG002
) -> None:
    if not db_supports_reset_sequences():
        pytest.skip(
            "transactions and reset_sequences must be supported "
            "by the database to run this test"
        )

    # The test runs on a database that already contains objects, so its
    # id counter is > 1. We check for the ids of newly created objects.
    django_pytester.create_test_module(
        """
        import pytest
        from .app.models import Item

        def test_django_db_reset_sequences_requested(
                django_db_reset_sequences):
            item = Item.objects.create(name='new_item')
            assert item.id == 1
    """
    )

    result = django_pytester.runpytest_subprocess("-v", "--reuse-db")
    result.stdout.fnmatch_lines(["*test_django_db_reset_sequences_requested PASSED*"])
