def test_short_circut_evaluation(self):
    pytest.xfail("complicated fix; I'm not sure if it's important")
    def f():
        assert True or explode
    getmsg(f, must_pass=True)
