def test_install_tar_xz(script: PipTestEnvironment, data: TestData) -> None:
    try:
        import lzma  # noqa
    except ImportError:
        pytest.skip("No lzma support")
    res = script.pip(
        "install", "--no-build-isolation", data.packages / "singlemodule-0.0.1.tar.xz"
    )
    assert "Successfully installed singlemodule-0.0.1" in res.stdout, res
