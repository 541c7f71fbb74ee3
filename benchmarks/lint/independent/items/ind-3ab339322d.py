def __init__(self, addr):
    from django.db import connections
    from django.test.testcases import LiveServerThread

    connections_override = {}
    for conn in connections.all():
        # If using in-memory sqlite databases, pass the connections to
        # the server thread.
        if (conn.settings_dict['ENGINE'] == 'django.db.backends.sqlite3' and
                conn.settings_dict['NAME'] == ':memory:'):
            # Explicitly enable thread-shareability for this connection
            conn.allow_thread_sharing = True
            connections_override[conn.alias] = conn

    liveserver_kwargs = {'connections_override': connections_override}
    from django.conf import settings
    if ('django.contrib.staticfiles' in settings.INSTALLED_APPS and
            get_django_version() >= (1, 7)):
        from django.contrib.staticfiles.handlers import (
            StaticFilesHandler)
        liveserver_kwargs['static_handler'] = StaticFilesHandler
    else:
        try:
            from django.test.testcases import _StaticFilesHandler
        except ImportError:
            pass
        else:
            liveserver_kwargs['static_handler'] = _StaticFilesHandler

    host, possible_ports = parse_addr(addr)
    self.thread = LiveServerThread(host, possible_ports,
                                   **liveserver_kwargs)
    self.thread.daemon = True
    self.thread.start()
    self.thread.is_ready.wait()

    if self.thread.error:
        raise self.thread.error
