def get_command(self, ctx, name):
    self._load_plugin_commands()

    # We load built-in commands first as these should always be the
    # same no matter what the app does.  If the app does want to
    # override this it needs to make a custom instance of this group
    # and not attach the default commands.
    #
    # This also means that the script stays functional in case the
    # application completely fails.
    rv = AppGroup.get_command(self, ctx, name)
    if rv is not None:
        return rv

    info = ctx.ensure_object(ScriptInfo)
    try:
        rv = info.load_app().cli.get_command(ctx, name)
        if rv is not None:
            return rv
    except NoAppException:
        pass
