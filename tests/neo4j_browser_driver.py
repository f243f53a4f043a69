"""Drive Neo4j Browser 5.x in headless Chromium, the way an analyst uses it.

Selectors come from Browser's own ``data-testid`` attributes (found by reading
the page source of the 5.24 build). Commands are pasted into the Monaco editor
with a real paste event, as a person would paste the stylesheet or a cookbook
query; typing would let the editor auto-close braces and corrupt the text.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_S = 60.0

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]

_PASTE = """
const area = document.querySelector('[data-testid=activeEditor] textarea');
area.focus();
const data = new DataTransfer();
data.setData('text/plain', arguments[0]);
area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                cancelable: true}));
"""

# Every drawn node: its caption lines joined, and its fill colour.
_NODES = """
return Array.from(document.querySelectorAll('svg g.node')).map(g => ({
  caption: Array.from(g.querySelectorAll('text.caption')).map(t => t.textContent.trim()).join(' '),
  fill: (g.querySelector('circle.b-outline') || {getAttribute: () => null}).getAttribute('fill'),
}));
"""
_RELATIONSHIPS = """
return Array.from(document.querySelectorAll('svg g.relationship')).map(g => ({
  type: (g.querySelector('text') || {textContent: ''}).textContent.trim(),
  fill: (g.querySelector('path.b-outline') || {getAttribute: () => null}).getAttribute('fill'),
}));
"""


@dataclass(frozen=True)
class DrawnNode:
    caption: str
    fill: str | None


@dataclass(frozen=True)
class DrawnRelationship:
    type: str
    fill: str | None


class Neo4jBrowser:
    """One headless Chromium session on a Neo4j Browser page."""

    def __init__(self, chromium: Path = CHROMIUM, chromedriver: Path = CHROMEDRIVER) -> None:
        self._profile = tempfile.mkdtemp(prefix="cg-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(chromium)
        for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={self._profile}"]:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
        self.wait = WebDriverWait(self.driver, WAIT_S)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Neo4jBrowser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connecting ------------------------------------------------------------------
    def connect(self, http_url: str, bolt_host_port: str, user: str, password: str) -> None:
        """Open /browser/ and fill its connect form (bolt:// scheme, explicit host:port)."""
        self.driver.get(http_url.rstrip("/") + "/browser/")
        address = self.wait.until(ec.element_to_be_clickable(
            (By.CSS_SELECTOR, "[data-testid=boltaddress]")))
        time.sleep(0.5)  # the form re-renders once the server's discovery answer arrives
        Select(self._one("[data-testid=bolt-scheme-select]")).select_by_visible_text("bolt://")
        address = self._one("[data-testid=boltaddress]")
        address.send_keys(Keys.CONTROL, "a")
        address.send_keys(Keys.DELETE)
        address.send_keys(bolt_host_port)
        self._one("[data-testid=username]").send_keys(user)
        self._one("[data-testid=password]").send_keys(password)
        self._one("[data-testid=connect]").click()
        self.wait.until(lambda d: "You are connected as user" in d.find_element(
            By.CSS_SELECTOR, "[data-testid=stream]").text)

    # -- running commands -------------------------------------------------------------
    def run(self, command: str) -> WebElement:
        """Paste a command into the editor, run it, and return its (new) result frame."""
        before = len(self.frames())
        self._one("[data-testid=activeEditor]").click()
        self.driver.execute_script(_PASTE, command)
        self._one("[data-testid=editor-Run]").click()
        self.wait.until(lambda d: len(self.frames()) > before)
        return self.frames()[0]  # newest frame is on top

    def frames(self) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")

    def wait_for_graph(self, min_nodes: int) -> None:
        """Wait until the graph view has drawn the nodes and their layout has settled."""
        self.wait.until(lambda d: len(self.nodes()) >= min_nodes)
        previous: Any = None
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            layout = self.driver.execute_script(
                "return Array.from(document.querySelectorAll('svg g.node'))"
                ".map(g => g.getAttribute('transform'))")
            if layout == previous:
                return
            previous = layout
            time.sleep(1.0)

    def nodes(self) -> list[DrawnNode]:
        return [DrawnNode(**n) for n in self.driver.execute_script(_NODES)]

    def relationships(self) -> list[DrawnRelationship]:
        return [DrawnRelationship(**r) for r in self.driver.execute_script(_RELATIONSHIPS)]

    def page_text(self) -> str:
        return str(self._one("[data-testid=stream]").text)

    def screenshot(self, path: Path, element: WebElement | None = None) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        if element is None:
            self.driver.save_screenshot(str(path))
        else:
            element.screenshot(str(path))
        return path

    def _one(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)
