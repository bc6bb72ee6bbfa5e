"""Classes the code defines, as opposed to those a test module defines in the same process (a contract
test's aggregates and documents are not deployed and need neither a topic nor a shard key)."""

from __future__ import annotations


def of_the_code(cls: type) -> bool:
    module = cls.__module__
    return module.startswith("linli_") and ".testing" not in module and ".tests" not in module


def subclasses_of_the_code(cls: type):
    for sub in cls.__subclasses__():
        if of_the_code(sub):
            yield sub
        yield from subclasses_of_the_code(sub)
