"""Fixtures: the site over a loopback http server (random free port) and over file://."""
import functools
import http.server
import os
import pathlib
import shutil
import socket
import threading

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

SITE_DIR = pathlib.Path(os.environ.get("KONTOR_SITE_DIR", "site")).resolve()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # The strict policy the design promises must keep working.
        self.send_header("Content-Security-Policy", "default-src 'self'")
        super().end_headers()


@pytest.fixture(scope="session")
def http_root():
    handler = functools.partial(QuietHandler, directory=str(SITE_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def file_root():
    return SITE_DIR.as_uri() + "/"


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900"]:
        options.add_argument(argument)
    binary = shutil.which("chromium")
    if binary:
        options.binary_location = binary
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(params=["http", "file"])
def root(request, http_root, file_root):
    return http_root if request.param == "http" else file_root
