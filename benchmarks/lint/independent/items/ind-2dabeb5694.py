@pytest.mark.xfail(
    reason=(
        "packaging.tags changed behaviour in this area, and @pradyunsg "
        "decided as the release manager that this behaviour change is less "
        "critical than Big Sur support for pip 20.3. See "
        "https://github.com/pypa/packaging/pull/361 for further discussion."
    )
)
def test_supported_multiarch_darwin(self) -> None:
    """
    Multi-arch wheels (intel) are supported on components (i386, x86_64)
    """
    universal = compatibility_tags.get_supported(
        "27", platforms=["macosx_10_5_universal"], impl="cp"
    )
    intel = compatibility_tags.get_supported(
        "27", platforms=["macosx_10_5_intel"], impl="cp"
    )
    x64 = compatibility_tags.get_supported(
        "27", platforms=["macosx_10_5_x86_64"], impl="cp"
    )
    i386 = compatibility_tags.get_supported(
        "27", platforms=["macosx_10_5_i386"], impl="cp"
    )
    ppc = compatibility_tags.get_supported(
        "27", platforms=["macosx_10_5_ppc"], impl="cp"
    )
    ppc64 = compatibility_tags.get_supported(
        "27", platforms=["macosx_10_5_ppc64"], impl="cp"
    )

    w = Wheel("simple-0.1-cp27-none-macosx_10_5_intel.whl")
    assert w.supported(tags=intel)
    assert w.supported(tags=x64)
    assert w.supported(tags=i386)
    assert not w.supported(tags=universal)
    assert not w.supported(tags=ppc)
    assert not w.supported(tags=ppc64)
    w = Wheel("simple-0.1-cp27-none-macosx_10_5_universal.whl")
    assert w.supported(tags=universal)
    assert w.supported(tags=intel)
    assert w.supported(tags=x64)
    assert w.supported(tags=i386)
    assert w.supported(tags=ppc)
    assert w.supported(tags=ppc64)
