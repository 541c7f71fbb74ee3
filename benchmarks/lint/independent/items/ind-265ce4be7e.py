@pytest.mark.parametrize(
    "name",
    [
        "ANY",
        "call",
        "MagicMock",
        "Mock",
        "mock_open",
        "NonCallableMagicMock",
        "NonCallableMock",
        "PropertyMock",
        "sentinel",
        pytest.param(
            "seal",
            marks=pytest.mark.skipif(
                sys.version_info < (3, 7), reason="seal is present on 3.7 and above"
            ),
        ),
    ],
)
def test_mocker_aliases(name: str, pytestconfig: Any) -> None:
    from pytest_mock._util import get_mock_module

    mock_module = get_mock_module(pytestconfig)

    mocker = MockerFixture(pytestconfig)
    assert getattr(mocker, name) is getattr(mock_module, name)
