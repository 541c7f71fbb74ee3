@click.command()
def cli():
    with click.progressbar(range(10), label="test") as progress:
        while True:
            try:
                next(progress)
            except StopIteration:
                break
