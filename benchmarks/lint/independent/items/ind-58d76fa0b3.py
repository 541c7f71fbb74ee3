def exit_with_usage():

    print(globals()['__doc__'])
    os._exit(1)
