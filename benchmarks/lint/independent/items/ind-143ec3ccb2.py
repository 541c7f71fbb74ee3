@pytest.fixture
def _skip_if_test_in_system(session_app_data) -> None:
    current = PythonInfo.current(session_app_data)
    if current.system_executable is not None:
        pytest.skip("test not valid if run under system")
