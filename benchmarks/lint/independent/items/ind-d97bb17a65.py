@pytest.mark.skipif("sys.version_info < (2,6)")
def test_compile_to_ast(self):
    import ast
    source = Source("x = 4")
    mod = source.compile(flag=ast.PyCF_ONLY_AST)
    assert isinstance(mod, ast.Module)
    compile(mod, "<filename>", "exec")
