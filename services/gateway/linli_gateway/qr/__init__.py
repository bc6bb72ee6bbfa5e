"""Scan-to-report (扫码报修): signed building codes, the mobile report page, printable sheets."""
