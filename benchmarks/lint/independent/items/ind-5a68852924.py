def test_break_outside_loop(self):
    try:
        Template(utf8("{% break %}"))
        raise Exception("Did not get expected exception")
    except ParseError:
        pass
