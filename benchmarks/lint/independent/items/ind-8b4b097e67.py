@pytest.mark.skipif(sys.version_info < (3, 7), reason="Dataclasses in Python3.7+")
def test_data_classes_with_custom_eq(self, pytester: Pytester) -> None:
    p = pytester.copy_example(
        "dataclasses/test_compare_dataclasses_with_custom_eq.py"
    )
    # issue 9362
    result = pytester.runpytest(p, "-vv")
    result.assert_outcomes(failed=1, passed=0)
    result.stdout.no_re_match_line(".*Differing attributes.*")
