def runforked():
    try:
        reports = runtestprotocol(item, log=False)
    except KeyboardInterrupt:
        py.std.os._exit(EXITSTATUS_TESTEXIT)
    return marshal.dumps([serialize_report(x) for x in reports])
