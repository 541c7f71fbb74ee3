@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("entrypoint", ["hello = hello", "hello = hello:"])
@pytest.mark.parametrize("entrypoint_type", ["console_scripts", "gui_scripts"])
def test_invalid_entrypoints_fail(
    self, data: TestData, tmpdir: Path, entrypoint: str, entrypoint_type: str
) -> None:
    self.prep(data, tmpdir)
    wheel_path = make_wheel(
        "simple", "0.1.0", entry_points={entrypoint_type: [entrypoint]}
    ).save_to_dir(tmpdir)
    with pytest.raises(InstallationError) as e:
        wheel.install_wheel(
            "simple",
            str(wheel_path),
            scheme=self.scheme,
            req_description="simple",
        )

    exc_text = str(e.value)
    assert os.path.basename(wheel_path) in exc_text
    assert entrypoint in exc_text
