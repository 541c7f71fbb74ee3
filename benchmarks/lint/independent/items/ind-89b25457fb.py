def channel_close_skipped_when_channel_not_even_made(self):
    # I.e. if obtaining self.channel doesn't even happen (i.e. if
    # Connection.create_session() dies), we need to account for that
    # case...
    class Oops(Exception):
        pass

    def oops():
        raise Oops

    cxn = _Connection("host")
    cxn.create_session = oops
    # When bug present, this will result in AttributeError because
    # Remote has no 'channel'
    try:
        Remote(context=cxn).run(CMD)
    except Oops:
        pass
    else:
        assert False, "Weird, Oops never got raised..."
