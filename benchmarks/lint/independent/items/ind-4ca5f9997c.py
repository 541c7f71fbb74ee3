def main(main_func, args=None, kwargs=None):
    if os.environ.get("RUN_MAIN") == "true":

        if args is None:
            args = ()
        if kwargs is None:
            kwargs = {}
        thread.start_new_thread(main_func, args, kwargs)

        try:
            reloader_thread()
        except KeyboardInterrupt:
            pass
    else:
        # If KeyboardInterrupt is raised within restart_with_reloader,
        # let it propagate out to the caller.
        sys.exit(restart_with_reloader())
