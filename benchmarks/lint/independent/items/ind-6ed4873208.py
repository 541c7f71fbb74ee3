@pytest.mark.skip
@pytest.mark.parametrize(
    "use_venv", [False, True] if six.PY3 else [False], ids=["no_venv", "venv"] if six.PY3 else ["no_venv"]
)
@pytest.mark.parametrize("prompt", [None, "magic"])
def test_prompt_set(tmp_path, use_venv, prompt):
    cmd = [str(tmp_path), "--without-pip"]
    if prompt is not None:
        cmd.extend(["--prompt", "magic"])
    if not use_venv:
        cmd.extend(["--creator", "venv"])

    result = run_via_cli(cmd)
    actual_prompt = tmp_path.name if prompt is None else prompt
    cfg = PyEnvCfg.from_file(result.creator.pyenv_cfg.path)
    if prompt is None:
        assert "prompt" not in cfg
    else:
        if use_venv is False:
            assert "prompt" in cfg, list(cfg.content.keys())
            assert cfg["prompt"] == actual_prompt
