@pytest.mark.xfail(
    sys.platform == "darwin"
    and platform.machine() == "arm64"
    and sys.version_info[:2] < (3, 10),
    reason="Unexpected egg-link install path",
)
def test_uninstall_editable_from_usersite(
    self, script: PipTestEnvironment, data: TestData
) -> None:
    """
    Test uninstall editable local user install
    """
    assert script.user_site_path.exists()

    # install
    to_install = data.packages.joinpath("FSPkg")
    result1 = script.run(
        "python", "setup.py", "develop", "--user", "--prefix=", cwd=to_install
    )
    egg_link = script.user_site / "FSPkg.egg-link"
    result1.did_create(egg_link)

    # uninstall
    result2 = script.pip("uninstall", "-y", "FSPkg")
    assert not isfile(script.base_path / egg_link)

    assert_all_changes(
        result1,
        result2,
        [
            script.venv / "build",
            "cache",
            script.user_site / "easy-install.pth",
        ],
    )
