"""The public ledger page (收支公示) behind a compound's signed link: /l/<code>."""
