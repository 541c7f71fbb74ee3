def get_command(self, ctx, name):
    try:
        mod = __import__(f"complex.commands.cmd_{name}", None, None, ["cli"])
    except ImportError:
        return
    return mod.cli
