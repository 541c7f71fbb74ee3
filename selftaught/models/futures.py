"""The SDK's calling conventions on local clients: client futures and ``*_async`` methods.

Why this module: the ``tinker`` SDK offers every call in two shapes, and code
written for it (tinker-cookbook above all) uses both:

* ``create_*`` calls return a future of a client that *also acts as the client*
  (``tc = svc.create_lora_training_client(...); tc.forward(...)``); `ClientFuture`
  is that future for local clients — any public attribute is read from the
  finished client, and ``*_async`` attributes await the client first.
* every call has an ``_async`` twin. `add_async_methods` generates them from the
  sync methods with the SDK's two return conventions: ``forward_async`` and the
  other queued operations return the *future* (``await`` twice: once to submit,
  once for the result); ``sample_async``, ``get_info_async`` and the client
  creators return the *value*.

Generated twins carry the sync method's signature (``functools.wraps``), so the
SDK-parity test compares them like hand-written ones.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

from tinker.lib.public_interfaces.api_future import APIFuture, AwaitableConcurrentFuture

C = TypeVar("C")
T = TypeVar("T")
K = TypeVar("K", bound=type)


class ClientFuture(APIFuture[C], Generic[C]):
    """A future of a client that can be used as the client (the SDK's backcompat future).

    ``result()`` / ``await`` give the client; calling a client method on the future
    waits for the client and calls it, as the SDK's ``BackcompatTrainingClientFuture``
    does (the SDK marks that use deprecated; locally it is simply supported).
    """

    def __init__(self, future: APIFuture[C]) -> None:
        self._future = future

    def result(self, timeout: float | None = None) -> C:
        return self._future.result(timeout)

    async def result_async(self, timeout: float | None = None) -> C:
        return await self._future.result_async(timeout)

    def future(self) -> Future[C]:
        return self._future.future()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name.endswith("_async"):

            async def call_async(*args: Any, **kwargs: Any) -> Any:
                client = await self._future.result_async()
                return await getattr(client, name)(*args, **kwargs)

            return call_async
        return getattr(self._future.result(), name)

    def __repr__(self) -> str:
        future = self._future.future()
        if not future.done():
            state = "pending"
        elif future.cancelled():
            state = "cancelled"
        elif (exc := future.exception()) is not None:
            state = f"failed: {exc!r}"
        else:
            state = repr(future.result())
        return f"<{type(self).__name__}: {state}>"


def completed(value: T) -> AwaitableConcurrentFuture[T]:
    """An already-finished future of ``value`` (for calls that need no queued model work)."""
    future: Future[T] = Future()
    future.set_result(value)
    return AwaitableConcurrentFuture(future)


def failed(exc: BaseException) -> AwaitableConcurrentFuture[Any]:
    """An already-failed future (the SDK reports request errors through the future)."""
    future: Future[Any] = Future()
    future.set_exception(exc)
    return AwaitableConcurrentFuture(future)


def _future_twin(name: str, sync: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(sync)
    async def twin(self: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, name)(*args, **kwargs)

    twin.__name__ = twin.__qualname__ = f"{name}_async"
    twin.__doc__ = f"Async ``{name}``: awaiting it submits the call and gives its future."
    return twin


def _value_twin(name: str, sync: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(sync)
    async def twin(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = getattr(self, name)(*args, **kwargs)
        return await out if isinstance(out, APIFuture) else out

    twin.__name__ = twin.__qualname__ = f"{name}_async"
    twin.__doc__ = f"Async ``{name}``: awaiting it gives the result."
    return twin


def add_async_methods(
    returns_future: Iterable[str] = (), returns_value: Iterable[str] = ()
) -> Callable[[K], K]:
    """Class decorator: an ``<name>_async`` twin for each named sync method.

    ``returns_future``: the twin returns the call's future (SDK: ``forward_async`` ...);
    ``returns_value``: the twin returns the result (SDK: ``sample_async`` ...).
    """

    def decorate(cls: K) -> K:
        for names, make in ((returns_future, _future_twin), (returns_value, _value_twin)):
            for name in names:
                setattr(cls, f"{name}_async", make(name, getattr(cls, name)))
        return cls

    return decorate
