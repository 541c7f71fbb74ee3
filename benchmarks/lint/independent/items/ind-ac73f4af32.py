@pytest.mark.skipif(sys.version_info < (3, 7), reason="Dataclasses in Python3.7+")
def test_importmode_importlib_with_dataclass(self, tmp_path: Path) -> None:
    """Ensure that importlib mode works with a module containing dataclasses (#7856)."""
    fn = tmp_path.joinpath("_src/tests/test_dataclass.py")
    fn.parent.mkdir(parents=True)
    fn.write_text(
        dedent(
            """
            from dataclasses import dataclass

            @dataclass
            class Data:
                value: str
            """
        )
    )

    module = import_path(fn, mode="importlib", root=tmp_path)
    Data: Any = getattr(module, "Data")
    data = Data(value="foo")
    assert data.value == "foo"
    assert data.__module__ == "_src.tests.test_dataclass"
