def skip_if_on_windows() -> None:
    if platform.system() == "Windows":
        pytest.skip("the test is not valid for Windows")
