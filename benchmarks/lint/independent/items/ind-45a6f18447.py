def _cb_request(self, request):
    try:
        spawn = self.spawn
        request.connection.set_closecb(self)
        self._requests.setdefault(request.connection._obj, []).append(request)
        if spawn is None:
            self.handle(request)
        else:
            greenlet = spawn(self.handle, request)
            rawlink = getattr(greenlet, 'rawlink', None)
            if rawlink is not None:
                greenlet._request = request
                rawlink(self._cb_request_processed)
    except:
        traceback.print_exc()
        try:
            sys.stderr.write('Failed to handle request: %s\n\n' % (request, ))
        except:
            pass
        if request:
            self.reply_error(request)
