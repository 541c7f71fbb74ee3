@pytest.mark.skipif(env.PYVERSION[:2] == (3, 9), reason="avoid a 3.9 bug: 44621")
def test_bug_1158(self) -> None:
    self.check_coverage(
        """\
        import asyncio

        async def async_gen():
            yield 4

        async def async_test():
            global a
            a = 8
            async for i in async_gen():
                print(i + 10)
            else:
                a = 12

        asyncio.run(async_test())
        assert a == 12
        """,
        branchz="9A 9C",
        branchz_missing="",
    )
    assert self.stdout() == "14\n"
