@pytest.mark.skipif(not env.PYBEHAVIOR.match_case, reason="Match-case is new in 3.10")
def test_multiline_exclusion_block2(self) -> None:
    # https://github.com/nedbat/coveragepy/issues/1797
    regex = r"case _:\n\s+assert_never\("
    parser = self.parse_text(
        """\
        match something:
            case type_1():
                logic_1()
            case type_2():
                logic_2()
            case _:
                assert_never(something)
        match something:
            case type_1():
                logic_1()
            case type_2():
                logic_2()
            case _:
                print("Default case")
        """,
        regex,
    )
    assert parser.lines_matching(regex) == {6, 7}
    assert parser.raw_statements == {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}
    assert parser.statements == {1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14}
