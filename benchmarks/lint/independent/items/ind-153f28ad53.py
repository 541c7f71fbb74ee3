def inner(*args, **kwargs):
    try:
        return func(*args, **kwargs)
    except OSError as e:
        if e.errno != 5:
            raise
        try:
            tqdm_instance.miniters = float('inf')
        except ReferenceError:
            pass
    except ValueError as e:
        if 'closed' not in str(e):
            raise
        try:
            tqdm_instance.miniters = float('inf')
        except ReferenceError:
            pass
