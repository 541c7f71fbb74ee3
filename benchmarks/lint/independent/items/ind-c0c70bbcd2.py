async def serve_html(connection, request):
    """Basic HTTP server implemented as a process_request hook."""
    user = get_query_param(request.path, "user")
    path = urllib.parse.urlparse(request.path).path
    if path == "/":
        if user is None:
            page = "index.html"
        else:
            page = "test.html"
    else:
        page = path[1:]

    try:
        template = pathlib.Path(__file__).with_name(page)
    except ValueError:
        pass
    else:
        if template.is_file():
            body = template.read_bytes()
            if user is not None:
                token = create_token(user)
                body = body.replace(b"TOKEN", token.encode())
            headers = Headers(
                {
                    "Date": email.utils.formatdate(usegmt=True),
                    "Connection": "close",
                    "Content-Length": str(len(body)),
                    "Content-Type": CONTENT_TYPES[template.suffix],
                }
            )
            return Response(200, "OK", headers, body)

    return connection.respond(http.HTTPStatus.NOT_FOUND, "Not found\n")
