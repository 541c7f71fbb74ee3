@unittest.skipIf(LINUX, "Skip due to different localtime behavior on Linux")
def test_local_datetime_field(self):
    assert_equal(self.serialized.data['updated_local'],
                'Sun, 10 Nov 2013 14:20:58 -0600')
