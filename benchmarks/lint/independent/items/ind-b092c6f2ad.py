warnings.simplefilter('ignore', DependencyWarning)
