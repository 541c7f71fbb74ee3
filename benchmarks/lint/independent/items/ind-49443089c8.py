async def async_auth_flow(
    self, request: Request
) -> typing.AsyncGenerator[Request, Response]:
    """
    Execute the authentication flow asynchronously.

    By default, this defers to `.auth_flow()`. You should override this method
    when the authentication scheme does I/O and/or uses concurrency primitives.
    """
    if self.requires_request_body:
        await request.aread()

    flow = self.auth_flow(request)
    request = next(flow)

    while True:
        response = yield request
        if self.requires_response_body:
            await response.aread()

        try:
            request = flow.send(response)
        except StopIteration:
            break
