"""The daily work of a district from the command line: list / show / edit buildings, households,
property contracts and firms, and role grants (`linli buildings list`, `linli households edit …`).

Every command acts with the caller's token (`--token` / LINLI_TOKEN) through the communities API.
`--json` prints the records as JSON for scripts (nothing else on stdout). An edit changes only the
options given; the others keep their stored values. An edit that removes data (archives a record,
ends a contract, drops a resident's login link) needs --allow-removals.

Where it is: daily_places (buildings, households), daily_firms (contracts, firms), daily_grants (role
grants) declare each kind once; daily_commands builds their list / show / edit commands;
daily_client holds the API client, the shared options and the printing.
"""

from __future__ import annotations

from linli_cli.daily_firms import contracts, firms
from linli_cli.daily_grants import grants
from linli_cli.daily_places import buildings, households

__all__ = ["buildings", "contracts", "firms", "grants", "households"]
