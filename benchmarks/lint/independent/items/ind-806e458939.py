def test_secured_view_failed_on_explicit_exception_view(self):
    from pyramid.httpexceptions import HTTPForbidden
    from pyramid.request import Request
    from pyramid.security import NO_PERMISSION_REQUIRED

    def view(request):
        raise ValueError

    def excview(request):  # pragma: no cover
        pass

    self._registerSecurityPolicy(False)
    self.config.add_view(
        view, name='foo', permission=NO_PERMISSION_REQUIRED
    )
    self.config.add_view(
        excview, context=ValueError, renderer='string', permission='view'
    )
    app = self.config.make_wsgi_app()
    request = Request.blank('/foo', base_url='http://example.com')
    request.method = 'POST'
    try:
        request.get_response(app)
    except HTTPForbidden:
        pass
    else:  # pragma: no cover
        raise AssertionError
