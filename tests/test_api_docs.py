"""The interactive API docs (/docs) work without the internet.

A real `conflictgraph serve` on 127.0.0.1 and a headless Chromium that can reach
nothing else: every host name resolves to nothing and every other connection
goes to a dead proxy. Swagger UI must render the API from assets the server
itself serves, and the browser's network log must show no request to anywhere
but the server. /redoc is not served: ReDoc always fetches its logo from its
vendor's CDN.

Chromium missing is a failure, not a skip (Debian packages ``chromium`` and
``chromium-driver``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from test_concurrency import Server, serve

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_S = 30.0
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
    # Offline: no host name resolves, and any other connection goes to a port where
    # nothing listens (loopback bypasses the proxy).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("docs-server")
    running = serve("memory", {"CONFLICTGRAPH_DATA_DIR": str(data)}, data / "server.log")
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def offline_chromium() -> Iterator[Any]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(map(str, missing))} not found: install the Debian packages "
                    "chromium and chromium-driver", pytrace=False)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        pytest.fail(f"selenium is required for the browser tests ({exc})", pytrace=False)
    profile = tempfile.mkdtemp(prefix="cg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page asked the network for, from Chromium's DevTools log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def assert_stayed_on(server: Server, urls: list[str]) -> None:
    origin = urlsplit(server.url)
    assert any(u.startswith(server.url) for u in urls), "no request to the server was logged"
    away = [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).netloc != origin.netloc]  # chrome:// pages are the browser's own
    assert away == [], f"requests left the server: {away}"


def wait_for(driver: Any, script: str, what: str) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, WAIT_S).until(lambda d: d.execute_script(script))
    except TimeoutException:
        text = driver.execute_script("return document.body ? document.body.innerText : ''")
        pytest.fail(f"{what} did not appear within {WAIT_S:.0f} s; the page shows: {text[:300]!r}")


def operation_count(server: Server) -> int:
    schema = httpx.get(server.url + "/openapi.json").json()
    return sum(1 for item in schema["paths"].values() for method in item
               if method in {"get", "post", "put", "patch", "delete"})


def test_swagger_ui_renders_offline(server: Server, offline_chromium: Any) -> None:
    driver = offline_chromium
    driver.get(server.url + "/docs")
    title = wait_for(driver, "const t = document.querySelector('.swagger-ui .info .title');"
                             "return t && t.textContent;", "the Swagger UI title")
    assert title.startswith("conflictgraph"), title
    operations = wait_for(driver, "const n = document.querySelectorAll('.swagger-ui .opblock')"
                                  ".length; return n > 0 && n;", "the operations")
    assert operations == operation_count(server)
    rules = driver.execute_script(
        "return Array.from(document.styleSheets).filter(s => s.href)"
        ".map(s => s.cssRules.length).reduce((a, b) => a + b, 0);")
    assert rules > 100, "Swagger UI's stylesheet did not load"
    favicon = driver.execute_script(
        "const l = document.querySelector('link[rel~=icon]'); return l && l.href;")
    assert favicon and favicon.startswith(server.url), favicon
    assert httpx.get(favicon).headers["content-type"].startswith("image/")
    assert_stayed_on(server, requested_urls(driver))


def test_no_page_loads_assets_from_elsewhere(server: Server) -> None:
    """/docs names only the server's own assets; /redoc (which cannot work offline) is gone."""
    page = httpx.get(server.url + "/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "https://" not in page.text, page.text
    assert httpx.get(server.url + "/redoc").status_code == 404
