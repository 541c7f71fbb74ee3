(p,) = nodemanager.gwmanager.multi_exec(  # type: ignore[attr-defined]
    "import os ; channel.send(os.getcwd())"
).receive_each()
