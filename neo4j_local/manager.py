"""Run a real Neo4j Community server on this machine without Docker.

The server's jars come from Maven Central (see pom.xml) into ``<home>/lib``
once; every later start reuses them. The home dir lives outside the repo
(default ``~/.cache/conflictgraph/neo4j``), so the graph survives between
runs and a fresh clone never carries a database.
"""

from __future__ import annotations

import json
import os
import string
import subprocess
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from ..config import Settings
from ..graph.neo4j_hardening import conf_lines
from .assemble import assemble_lib, lib_is_complete
from .checks import (
    require_free_ports,
    require_java,
    require_memory,
    require_password,
)
from .errors import LocalNeo4jError
from .process import ENTRY_POINT, is_our_server, read_pid, stop_process, write_pid

__all__ = [
    "BROWSER_VERSION",
    "NEO4J_VERSION",
    "LocalNeo4j",
    "LocalNeo4jConfig",
    "LocalNeo4jError",
    "Neo4jStatus",
]

# The one source of truth for the server version: pom.xml, docker-compose.yml and
# the Dockerfile are checked against it by tests/test_deploy_files.py.
NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"

LOG_TAIL_LINES = 30
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
]
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _bolt_port_from_uri(uri: str) -> int | None:
    """NEO4J_URI=bolt://127.0.0.1:7700 means "run the local server on 7700"."""
    parts = urlsplit(uri)
    if parts.hostname in _LOCAL_HOSTS and parts.port:
        return parts.port
    return None


def _state_ports(state: dict[str, object]) -> dict[str, int]:
    """The ports a state file records (older files only have the two URLs)."""
    recorded = state.get("ports")
    if isinstance(recorded, dict):
        return {str(name): int(port) for name, port in recorded.items()}
    urls = {"bolt": state["bolt_uri"], "http": state["browser_url"]}
    return {name: port for name, url in urls.items()
            if (port := urlsplit(str(url)).port) is not None}


@dataclass(frozen=True)
class LocalNeo4jConfig:
    """Where and how the local server runs. Build one with :meth:`from_settings`."""

    home: Path
    password: str = field(repr=False)
    user: str = "neo4j"
    version: str = NEO4J_VERSION
    browser_version: str = BROWSER_VERSION
    host: str = "127.0.0.1"
    bolt_port: int = 7687
    http_port: int = 7474
    routing_port: int = 7688
    heap: str = "1g"
    pagecache: str = "512m"
    lib_dir: Path | None = None
    """Share an assembled lib between homes (tests); default ``<home>/lib``."""
    data_dir: Path | None = None
    """The server's data directory (``server.directories.data``); default ``<home>/data``.
    ``bulk-load --into`` imports into another installation's data directory this way."""
    post_connect_cmd: str | None = None
    """Neo4j Browser runs this after connecting (``browser.post_connect_cmd``)."""

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: object) -> LocalNeo4jConfig:
        """Home and password from the environment; `overrides` that are None are ignored."""
        settings = settings or Settings()  # read now: the environment may have changed
        base = cls(
            home=settings.neo4j_home,
            password=settings.neo4j_password.get_secret_value(),
            user=settings.neo4j_user,
            bolt_port=_bolt_port_from_uri(settings.neo4j_uri) or 7687,
            http_port=settings.neo4j_http_port or 7474,
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)  # type: ignore[arg-type]

    @property
    def home_dir(self) -> Path:
        return self.home.expanduser().resolve()

    @property
    def libs(self) -> Path:
        return (self.lib_dir or self.home_dir / "lib").expanduser().resolve()

    @property
    def data(self) -> Path:
        return (self.data_dir or self.home_dir / "data").expanduser().resolve()

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{self.host}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://{self.host}:{self.http_port}/browser/"

    @property
    def ports(self) -> dict[str, int]:
        return {"bolt": self.bolt_port, "http": self.http_port, "routing": self.routing_port}


@dataclass(frozen=True)
class Neo4jStatus:
    running: bool
    home: Path
    pid: int | None = None
    bolt_uri: str = ""
    browser_url: str = ""
    version: str = NEO4J_VERSION
    note: str = ""
    already_running: bool = False
    ports: dict[str, int] = field(default_factory=dict)
    """bolt/http/routing: the running server's (from its state file), else the configured."""


class LocalNeo4j:
    """provision → start → status → stop, for one home dir."""

    def __init__(self, config: LocalNeo4jConfig) -> None:
        self.config = config
        self.home = config.home_dir
        # The server this object launched, if any: asked directly whether it died, and reaped.
        self._child: subprocess.Popen[bytes] | None = None

    # paths -----------------------------------------------------------------
    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "conflictgraph-neo4j.pid"

    @property
    def state_file(self) -> Path:
        """Ports of the running server, so `status` reports them without options."""
        return self.home / "run" / "conflictgraph-neo4j.json"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def auth_file(self) -> Path:
        return self.config.data / "dbms" / "auth.ini"

    # provisioning ------------------------------------------------------------
    def needs_provision(self) -> bool:
        cfg = self.config
        return not lib_is_complete(cfg.libs, cfg.version, cfg.browser_version)

    def provision(self) -> bool:
        """Assemble the jars if needed (Maven only then); True when it did assemble."""
        cfg = self.config
        if not self.needs_provision():
            return False
        return assemble_lib(cfg.libs, cfg.version, cfg.browser_version)

    def write_conf(self) -> Path:
        """Render conf/neo4j.conf from the packaged template (every start: ports may change)."""
        cfg = self.config
        template = string.Template(
            resources.files(__package__).joinpath("neo4j.conf").read_text()
        )
        post_connect = (
            f"browser.post_connect_cmd={cfg.post_connect_cmd}"
            if cfg.post_connect_cmd
            else "# browser.post_connect_cmd="
        )
        text = template.substitute(
            host=cfg.host,
            bolt_port=cfg.bolt_port,
            http_port=cfg.http_port,
            routing_port=cfg.routing_port,
            heap=cfg.heap,
            pagecache=cfg.pagecache,
            home=self.home,
            data_dir=self.config.data,
            post_connect_line=post_connect,
            hardening_lines=conf_lines(),
        )
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        path = self.conf_dir / "neo4j.conf"
        path.write_text(text)
        return path

    def _java_env(self) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}

    def _set_initial_password(self, java: str) -> None:
        """Only before the very first start: afterwards the password lives in data/."""
        command = [
            java, "-cp", f"{self.config.libs}/*",
            "org.neo4j.server.startup.Neo4jAdminCommand",
            "dbms", "set-initial-password", self.config.password,
        ]
        proc = subprocess.run(
            command, capture_output=True, text=True, env=self._java_env(),
            cwd=self.home, timeout=300, check=False,
        )
        if proc.returncode != 0:
            output = (proc.stdout + proc.stderr).replace(self.config.password, "***")
            raise LocalNeo4jError(
                f"setting the initial Neo4j password failed (exit {proc.returncode}):\n"
                + "\n".join(output.strip().splitlines()[-LOG_TAIL_LINES:])
            )

    @property
    def database_dir(self) -> Path:
        """Where the store files of the one user database (``neo4j``) live."""
        return self.config.data / "databases" / "neo4j"

    def import_full(self, arguments: list[str], *, heap: str, timeout: float = 24 * 3600,
                    log: Path | None = None) -> str:
        """Run ``neo4j-admin database import full`` on this home's ``neo4j`` database.

        The server must be stopped (the importer writes the store files directly). The
        importer runs in a JVM of ``heap``; its off-heap memory is in ``arguments``. Returns
        the importer's output; raises LocalNeo4jError with its last lines when it fails.
        """
        if self.status().running:
            raise LocalNeo4jError(f"Neo4j in {self.home} is running: stop it before importing.")
        java = require_java()
        self.provision()
        if not any(self.config.libs.glob("neo4j-import-tool-*.jar")):
            raise LocalNeo4jError(
                f"{self.config.libs} has no neo4j-import-tool jar: delete that folder and run "
                "`conflictgraph neo4j start` to assemble the server again.")
        self.write_conf()
        for sub in ("logs", "run", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.config.data.mkdir(parents=True, exist_ok=True)
        # The admin tool itself, in this one JVM: ``Neo4jAdminCommand`` (what ``neo4j-admin``
        # runs) only starts a second JVM with it, which costs a JVM start per import.
        command = [
            java, f"-Xmx{heap}", *_JVM_FLAGS, "-cp", f"{self.config.libs}/*",
            ADMIN_TOOL, "database", "import", "full", *arguments, "neo4j",
        ]
        env = self._java_env()
        try:
            proc = subprocess.run(command, capture_output=True, text=True, env=env,
                                  cwd=self.home, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise LocalNeo4jError(
                f"the Neo4j importer did not finish within {timeout:.0f} s") from exc
        output = proc.stdout + proc.stderr
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(output)
        if proc.returncode != 0:
            raise LocalNeo4jError(
                f"the Neo4j importer failed (exit {proc.returncode}); its last lines:\n"
                + "\n".join(output.strip().splitlines()[-LOG_TAIL_LINES:])
            )
        return output

    # lifecycle ---------------------------------------------------------------
    def _status(self, running: bool, pid: int | None = None, note: str = "") -> Neo4jStatus:
        cfg = self.config
        bolt_uri, browser_url, version = cfg.bolt_uri, cfg.browser_url, cfg.version
        ports = dict(cfg.ports)
        if running:
            try:
                state = json.loads(self.state_file.read_text())
                bolt_uri, browser_url = state["bolt_uri"], state["browser_url"]
                version = state["version"]
                ports = _state_ports(state)
            except (FileNotFoundError, ValueError, KeyError, TypeError):
                pass
        return Neo4jStatus(
            running=running, home=self.home, pid=pid, bolt_uri=bolt_uri,
            browser_url=browser_url, version=version, note=note, ports=ports,
        )

    def status(self) -> Neo4jStatus:
        """Running or stopped; a pid file left by a crash is removed and said so."""
        pid = read_pid(self.pid_file)
        if pid is None:
            return self._status(False)
        if is_our_server(pid, self.home):
            return self._status(True, pid)
        self._forget()
        return self._status(False, note=f"removed a stale pid file (process {pid} is not this Neo4j)")

    def start(self, wait: bool = True, timeout: float = 120) -> Neo4jStatus:
        """Start in the background and (by default) wait until Bolt answers `RETURN 1`."""
        cfg = self.config
        require_password(cfg.password)
        current = self.status()
        if current.running:
            # Not ours to stop on failure: it was started earlier, maybe with other ports.
            if wait:
                self._wait_ready(current.pid, timeout, current.bolt_uri, owned=False)
            differ = [f"{name} {current.ports[name]}, not {port}"
                      for name, port in cfg.ports.items()
                      if current.ports.get(name, port) != port]
            note = ""
            if differ:
                note = f"it listens on {'; '.join(differ)}: stop it first to change ports"
            return replace(current, already_running=True, note=note)
        java = require_java()
        require_memory(cfg.heap, cfg.pagecache)
        require_free_ports(cfg.host, cfg.ports)
        self.provision()
        self.write_conf()
        for sub in ("logs", "run", "data", "plugins", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        if not self.auth_file.exists():
            self._set_initial_password(java)
        pid = self._launch(java)
        if wait:
            self._wait_ready(pid, timeout, cfg.bolt_uri, owned=True)
        return self.status()

    def _launch(self, java: str) -> int:
        cfg = self.config
        command = [
            java, f"-Xms{cfg.heap}", f"-Xmx{cfg.heap}", *_JVM_FLAGS,
            "-cp", f"{cfg.libs}/*", ENTRY_POINT,
            f"--home-dir={self.home}", f"--config-dir={self.conf_dir}", "--console-mode",
        ]
        self.console_log.parent.mkdir(parents=True, exist_ok=True)
        with self.console_log.open("a") as log:
            log.write(f"\n=== conflictgraph: starting Neo4j {cfg.version} at "
                      f"{datetime.now(UTC).isoformat(timespec='seconds')} ===\n")
            log.flush()
            proc = subprocess.Popen(
                command, cwd=self.home, env=self._java_env(), stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._child = proc
        write_pid(self.pid_file, proc.pid)
        state = {"pid": proc.pid, "bolt_uri": cfg.bolt_uri, "browser_url": cfg.browser_url,
                 "version": cfg.version, "ports": cfg.ports}
        self.state_file.write_text(json.dumps(state) + "\n")
        return proc.pid

    def _exited(self, pid: int) -> bool:
        """Whether the server died. Our own child is asked directly: between fork and exec its
        command line is still Python's, which the command-line check would call "not Neo4j"."""
        child = self._child
        if child is not None and child.pid == pid:
            return child.poll() is not None
        return not is_our_server(pid, self.home)

    def _forget(self) -> None:
        self.pid_file.unlink(missing_ok=True)
        self.state_file.unlink(missing_ok=True)

    def _log_tail(self) -> str:
        try:
            lines = self.console_log.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return "(no console log)"
        return "\n".join(lines[-LOG_TAIL_LINES:])

    def _fail(
        self, pid: int | None, why: str, owned: bool, with_log: bool = True
    ) -> LocalNeo4jError:
        """Stop what this call started (nothing half-running is left); explain with the log."""
        if owned:
            if pid is not None and is_our_server(pid, self.home):
                stop_process(pid, timeout=30)
            self._forget()
        if not with_log:
            return LocalNeo4jError(why)
        return LocalNeo4jError(
            f"{why}\nLast {LOG_TAIL_LINES} lines of {self.console_log}:\n{self._log_tail()}"
        )

    def _wait_ready(self, pid: int | None, timeout: float, bolt_uri: str, owned: bool) -> None:
        """Poll Bolt with `RETURN 1` until it answers, the process dies, or time runs out."""
        cfg = self.config
        deadline = time.monotonic() + timeout
        driver = GraphDatabase.driver(
            bolt_uri, auth=(cfg.user, cfg.password), connection_timeout=3,
            max_connection_lifetime=30,
        )
        try:
            while True:
                if pid is not None and self._exited(pid):
                    raise self._fail(
                        None, f"Neo4j exited during startup (home {self.home}).", owned
                    )
                try:
                    # An auto-commit query: no driver-side retries, so each poll is one try.
                    with driver.session() as session:
                        record = session.run("RETURN 1 AS ok").single()
                    if record is not None and record["ok"] == 1:
                        return
                except AuthError as exc:
                    raise self._fail(
                        pid,
                        f"Neo4j in {self.home} refused the password in NEO4J_PASSWORD "
                        f"({exc.message}). Its password was set on the first start and is kept "
                        f"in {self.config.data}. Use that password, or reset: "
                        f"`conflictgraph neo4j stop`, delete {self.config.data} "
                        "(this deletes the stored graph), and start again.",
                        owned,
                        with_log=False,
                    ) from exc
                except (ServiceUnavailable, SessionExpired, Neo4jError, OSError):
                    pass
                if time.monotonic() >= deadline:
                    raise self._fail(
                        pid, f"Neo4j did not answer on {bolt_uri} within {timeout:.0f} s.", owned
                    )
                time.sleep(0.5)
        finally:
            driver.close()

    def stop(self, timeout: float = 60) -> Neo4jStatus:
        """Stop only the process in our pid file, and only if it is our Neo4j."""
        current = self.status()
        if not current.running or current.pid is None:
            return current
        killed = stop_process(current.pid, timeout=timeout)
        child = self._child
        if child is not None and child.pid == current.pid:
            child.wait(timeout=10)  # reap our own child: no zombie keeps its pid alive
            self._child = None
        self._forget()
        note = f"killed after {timeout:.0f} s without a clean shutdown" if killed else "stopped"
        return replace(current, running=False, note=note)

    def connection_help(self, status: Neo4jStatus | None = None) -> str:
        """How to reach the server (the running one's addresses when given its status)."""
        cfg = self.config
        bolt_uri = status.bolt_uri if status else cfg.bolt_uri
        browser_url = status.browser_url if status else cfg.browser_url
        return (
            f"Bolt:    {bolt_uri}  (user {cfg.user}, password from NEO4J_PASSWORD)\n"
            f"Browser: {browser_url}\n"
            f"Env:     export NEO4J_URI={bolt_uri} CONFLICTGRAPH_STORE=neo4j\n"
            f"Logs:    {self.console_log}"
        )
