@pytest.mark.skipif(sys.version_info[:2] == (3, 8), reason="We still bundle wheel for Python 3.8")
def test_unused_wheel_cli_flags_dont_warn(tmp_path, capsys) -> None:
    session_via_cli([str(tmp_path)])
    out, err = capsys.readouterr()
    assert "The --no-wheel and --wheel options are deprecated." not in out + err
