@pytest.mark.xfail(strict=True)
def test_multiple_param_decls_not_allowed(runner):
    @click.command()
    @click.argument('x', click.Choice(['a', 'b']))
    def copy(x):
        click.echo(x)
