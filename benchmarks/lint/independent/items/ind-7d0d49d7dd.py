def term_psutil_proc(proc, timeout):
    try:
        sendsig(proc, sig)
    except psutil.NoSuchProcess:
        pass
    return wait(proc, timeout)
