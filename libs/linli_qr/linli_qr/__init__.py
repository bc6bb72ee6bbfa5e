"""Scan-to-report (扫码报修) building codes: the gateway verifies them, the CLI prints them."""
