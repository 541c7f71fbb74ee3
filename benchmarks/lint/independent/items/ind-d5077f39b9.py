def get_new_values(values):
    show = True
    while True:
        if show:
            show_them(values)
            show = False
            pstderr("")
        pstderr("> ", end='')
        sys.stderr.flush()
        try:
            cmd = input("").strip().split(None, 1)
        except EOFError:
            pstderr("\n")
            break
        if not cmd:
            continue
        if cmd[0] == 'q':
            break
        if cmd[0] == 'x':
            set_by_num(values, cmd[1], None)
        else:
            try:
                nsetting = int(cmd[0])
            except ValueError:
                pass
            else:
                set_by_num(values, nsetting, cmd[1])
        show = True

    return values
