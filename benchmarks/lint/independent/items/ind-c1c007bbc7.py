@pytest.mark.xfail("sys.platform == 'win32'",
                   reason="Code doesn't handle url-encoded Windows paths")
def test_unsupported_hashes(self, data):
    """VCS and dir links should raise errors when --require-hashes is
    on.

    In addition, complaints about the type of requirement (VCS or dir)
    should trump the presence or absence of a hash.

    """
    reqset = RequirementSet(require_hashes=True)
    reqset.add_requirement(
        list(process_line(
            'git+git://github.com/pypa/pip-test-package --hash=sha256:123',
            'file',
            1))[0])
    dir_path = data.packages.join('FSPkg')
    reqset.add_requirement(
        list(process_line(
            'file://%s' % (dir_path,),
            'file',
            2))[0])
    finder = PackageFinder([data.find_links], [], session=PipSession())
    resolver = self._basic_resolver(finder)
    sep = os.path.sep
    if sep == '\\':
        sep = '\\\\'  # This needs to be escaped for the regex
    assert_raises_regexp(
        HashErrors,
        r"Can't verify hashes for these requirements because we don't "
        r"have a way to hash version control repositories:\n"
        r"    git\+git://github\.com/pypa/pip-test-package \(from -r file "
        r"\(line 1\)\)\n"
        r"Can't verify hashes for these file:// requirements because they "
        r"point to directories:\n"
        r"    file://.*{sep}data{sep}packages{sep}FSPkg "
        r"\(from -r file \(line 2\)\)".format(sep=sep),
        resolver.resolve,
        reqset)
