def _migrate_implicit_content_type(self):
    """Migrate the removed implicit_content_type config option"""
    try:
        implicit_content_type = self.pop('implicit_content_type')
    except KeyError:
        pass
    else:
        if implicit_content_type == 'form':
            self['default_options'].insert(0, '--form')
        self.save()
        self.load()
