"""A Tinker-protocol server over selftaught's local clients (``selftaught serve --tinker``).

The official ``tinker`` SDK connects to it with
``tinker.ServiceClient(base_url="http://127.0.0.1:PORT", api_key="tml-local")``;
see ``docs/tinker.md``. `create_tinker_app` builds the FastAPI app;
`selftaught.serve.run_server` runs it on a bound socket.
"""

from __future__ import annotations

from selftaught.serve.tinker.app import create_tinker_app

__all__ = ["create_tinker_app"]
