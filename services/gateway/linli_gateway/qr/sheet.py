"""The printable sheet lives in linli_qr (`linli qr` renders it); named here for the gateway's tests."""

from linli_qr.sheet import render_sheet

__all__ = ["render_sheet"]
