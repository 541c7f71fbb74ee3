@pytest.mark.skipif(
    platform.system() == "Windows", reason="Filepath syntax differences."
)
def test_invalid_path_with_esc_sequence():
    with pytest.raises(click.BadParameter) as exc_info:
        with tempfile.TemporaryDirectory(prefix=r"my\ndir") as tempdir:
            click.Path(dir_okay=False).convert(tempdir, None, None)

    expected = "my\\\\ndir"
    assert expected in exc_info.value.message
