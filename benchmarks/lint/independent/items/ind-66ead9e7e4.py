@pytest.mark.xfail
def testStrSetExDateValueDate(self):
    rrstr = '\n'.join([
        "DTSTART;VALUE=DATE:19970902",
        "RRULE:FREQ=YEARLY;COUNT=4;BYDAY=TU,TH",
        "EXDATE;VALUE=DATE:19970902",
        "EXDATE;VALUE=DATE:19970909",
    ])

    rr = rrulestr(rrstr)
    assert list(rr) == [datetime(1997, 9, 4), datetime(1997, 9, 11)]
