def reply_error(self, request):
    try:
        if request.response == (0, None):
            request.send_reply(500, 'Internal Server Error', '<h1>Internal Server Error</h1>')
    except core.HttpRequestDeleted:
        pass
