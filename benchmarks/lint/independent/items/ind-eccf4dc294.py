def test_undecorated_generator_with_skip(self):
    class Test(AsyncTestCase):
        @unittest.skip("don't run this")
        def test_gen(self):
            yield

    test = Test("test_gen")
    result = unittest.TestResult()
    test.run(result)
    self.assertEqual(len(result.errors), 0)
    self.assertEqual(len(result.skipped), 1)
