def canonicalize(self, hostname, options, domains):
    """
    Return canonicalized version of ``hostname``.

    :param str hostname: Target hostname.
    :param options: An `SSHConfigDict` from a previous lookup pass.
    :param domains: List of domains (e.g. ``["paramiko.org"]``).

    :returns: A canonicalized hostname if one was found, else ``None``.

    .. versionadded:: 2.7
    """
    found = False
    for domain in domains:
        candidate = "{}.{}".format(hostname, domain)
        family_specific = _addressfamily_host_lookup(candidate, options)
        if family_specific is not None:
            # TODO: would we want to dig deeper into other results? e.g. to
            # find something that satisfies PermittedCNAMEs when that is
            # implemented?
            found = family_specific[0]
        else:
            # TODO: what does ssh use here and is there a reason to use
            # that instead of gethostbyname?
            try:
                found = socket.gethostbyname(candidate)
            except socket.gaierror:
                pass
        if found:
            # TODO: follow CNAME (implied by found != candidate?) if
            # CanonicalizePermittedCNAMEs allows it
            return candidate
    # If we got here, it means canonicalization failed.
    # When CanonicalizeFallbackLocal is undefined or 'yes', we just spit
    # back the original hostname.
    if options.get("canonicalizefallbacklocal", "yes") == "yes":
        return hostname
    # And here, we failed AND fallback was set to a non-yes value, so we
    # need to get mad.
    raise CouldNotCanonicalize(hostname)
