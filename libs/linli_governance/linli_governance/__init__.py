"""The governance configuration of a district (一区一策): one schema every service reads.

from linli_governance import parse_document, effective_config, ConfigError
"""

from linli_governance.document import (
    ConfigError,
    Scope,
    diff_documents,
    effective_config,
    parse_document,
    parse_yaml,
    readable,
)
from linli_governance.model import GovernanceConfig

__all__ = [
    "ConfigError",
    "GovernanceConfig",
    "Scope",
    "diff_documents",
    "effective_config",
    "parse_document",
    "parse_yaml",
    "readable",
]
