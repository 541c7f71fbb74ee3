@pytest.mark.xfail
def testStrSetExDateValueDateTimeWithTZID(self):
    BXL = tz.gettz('Europe/Brussels')
    rrstr = '\n'.join([
        "DTSTART;VALUE=DATE-TIME;TZID=Europe/Brussels:19970902T090000",
        "RRULE:FREQ=YEARLY;COUNT=4;BYDAY=TU,TH",
        "EXDATE;VALUE=DATE-TIME;TZID=Europe/Brussels:19970902T090000",
        "EXDATE;VALUE=DATE-TIME;TZID=Europe/Brussels:19970909T090000",
    ])

    rr = rrulestr(rrstr)
    assert list(rr) == [datetime(1997, 9, 4, 9, tzinfo=BXL),
                        datetime(1997, 9, 11, 9, tzinfo=BXL)]
