"""Root conftest: the shared fixtures live in the chassis so every package's tests use the same ones."""

pytest_plugins = ["linli_platform.testing.fixtures"]
