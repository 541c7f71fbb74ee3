@pytest.mark.skip("broken fix me!")
def test_instruments_crash():
    record = []

    class BrokenInstrument:
        def task_scheduled(self, task):
            record.append("scheduled")
            raise ValueError("oops")

        def close(self):
            # Shouldn't be called -- tests that the instrument disabling logic
            # works right.
            record.append("closed")

    async def main():
        try:
            while True:
                await _core.yield_briefly()
        except _core.Cancelled:
            record.append("cancelled")

    with pytest.raises(_core.UnhandledExceptionError) as excinfo:
        _core.run(main, instruments=[BrokenInstrument()])
    assert excinfo.value.__cause__.args == ("oops",)
    assert record == ["scheduled", "cancelled"]
