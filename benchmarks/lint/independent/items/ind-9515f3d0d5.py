@pytest.mark.skipif(
    sys.version_info < (3, 9),
    reason="importlib.resources.files was introduced in 3.9",
)
def test_load_resource_via_files_with_rewrite(self, pytester: Pytester) -> None:
    example = pytester.path.joinpath("demo") / "example"
    init = pytester.path.joinpath("demo") / "__init__.py"
    pytester.makepyfile(
        **{
            "demo/__init__.py": """
            from importlib.resources import files

            def load():
                return files(__name__)
            """,
            "test_load": f"""
            pytest_plugins = ["demo"]

            def test_load():
                from demo import load
                found = {{str(i) for i in load().iterdir() if i.name != "__pycache__"}}
                assert found == {{{str(example)!r}, {str(init)!r}}}
            """,
        }
    )
    example.mkdir()

    assert pytester.runpytest("-vv").ret == ExitCode.OK
