def test_run_bad_query(self):
    cursor = self.connection.cursor()
    try:
        cursor.execute("garbage blah blah")
        assert False
    except AssertionError:
        raise
    except Exception:
        pass
    cursor.close()
