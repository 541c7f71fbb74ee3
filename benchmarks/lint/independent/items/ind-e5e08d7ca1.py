def _get_lexer(self, lang):
    if lang.lower() == 'sql':
        return get_lexer_by_name('postgresql', **self.options)

    tries = [lang]
    if lang.startswith('pl'):
        tries.append(lang[2:])
    if lang.endswith('u'):
        tries.append(lang[:-1])
    if lang.startswith('pl') and lang.endswith('u'):
        tries.append(lang[2:-1])

    for lx in tries:
        try:
            return get_lexer_by_name(lx, **self.options)
        except ClassNotFound:
            pass
    else:
        # TODO: better logging
        # print >>sys.stderr, "language not found:", lang
        return None
