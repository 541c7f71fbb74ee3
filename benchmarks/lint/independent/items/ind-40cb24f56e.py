@unittest.skip('Known failure')
def testTimeOnlyOffsetLocalUTC(self):
    with TZEnvContext(self.UTC):
        self.assertEqual(dt_time(13, 20, tzinfo=tz.tzlocal()).utcoffset(),
                         timedelta(0))
