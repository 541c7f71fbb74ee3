@pytest.mark.skipif(sys.version_info[:2] == (3, 8), reason="We still bundle wheel for Python 3.8")
@pytest.mark.parametrize("flag", ["--no-wheel", "--wheel=none", "--wheel=embed", "--wheel=bundle"])
def test_wheel_cli_flags_warn(tmp_path, flag, capsys) -> None:
    session_via_cli([flag, str(tmp_path)])
    out, err = capsys.readouterr()
    assert "The --no-wheel and --wheel options are deprecated." in out + err
