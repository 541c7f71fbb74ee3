@pytest.mark.parametrize(
    "pkg_builder",
    [
        pytest.param(
            _local_with_setup, marks=pytest.mark.xfail(strict=True),
        ),
        _direct_wheel,
        _wheel_from_index,
    ],
)
def test_new_resolver_extra_merge_in_package(
    self, monkeypatch, script, pkg_builder,
):
    create_basic_wheel_for_package(script, "depdev", "1.0.0")
    create_basic_wheel_for_package(
        script,
        "dep",
        "1.0.0",
        extras={"dev": ["depdev"]},
    )
    requirement = pkg_builder(
        script,
        name="pkg",
        version="1.0.0",
        requires=["dep"],
        extras={"dev": ["dep[dev]"]},
    )

    script.pip(
        "install", "--unstable-feature=resolver",
        "--no-cache-dir", "--no-index",
        "--find-links", script.scratch_path,
        requirement + "[dev]",
    )
    assert_installed(script, pkg="1.0.0", dep="1.0.0", depdev="1.0.0")
