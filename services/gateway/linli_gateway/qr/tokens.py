"""Signed building codes live in linli_qr (the CLI prints them too); named here for the gateway's tests."""

from linli_qr.tokens import BuildingCode, report_url, sign, verify

__all__ = ["BuildingCode", "report_url", "sign", "verify"]
