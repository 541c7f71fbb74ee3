rv = self._context.environment.concat(  # type: ignore
    [x async for x in self._stack[self._depth](self._context)]  # type: ignore
)
