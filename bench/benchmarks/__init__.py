"""One module per benchmark, each with `run(ctx) -> list[Result]`."""
