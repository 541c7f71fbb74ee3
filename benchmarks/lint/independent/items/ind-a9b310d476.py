@pytest.mark.skipif(sys.version_info < (3, 7), reason="Dataclasses in Python3.7+")
def test_comparing_two_different_data_classes(self, pytester: Pytester) -> None:
    p = pytester.copy_example(
        "dataclasses/test_compare_two_different_dataclasses.py"
    )
    result = pytester.runpytest(p, "-vv")
    result.assert_outcomes(failed=0, passed=1)
