"""Headless Chromium for the tests that drive a page (the Debian chromium and chromedriver that
`.ci/run` installs); selenium is imported only by those tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-extensions",
    "--window-size=390,844",  # a phone's screen: the pages are mobile-first
)


@contextmanager
def headless_chromium(page_load_timeout: int = 30) -> Iterator:
    from selenium import webdriver  # noqa: PLC0415 - only the tests that drive a browser load it
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(page_load_timeout)
    try:
        yield driver
    finally:
        driver.quit()
