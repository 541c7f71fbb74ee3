@pytest.mark.skipif(not env.PYBEHAVIOR.hashed_pyc_pep552, reason="No hashed .pyc here")
def test_running_hashed_pyc(self):
    pycfile = self.make_pyc(invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    run_python_file([pycfile])
    assert self.stdout() == "I am here!\n"
