"""The local Neo4j manager, against a real second server on spare ports.

The server under test gets its own temporary home but shares the jars that
the test command already assembled (``CONFLICTGRAPH_NEO4J_HOME``), so no
Maven run happens here on a warm machine.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from conflictgraph.config import Settings
from conflictgraph.neo4j_local.assemble import MARKER_NAME, lib_is_complete
from conflictgraph.neo4j_local.checks import (
    java_major_version,
    parse_size,
    port_in_use,
    require_free_ports,
)
from conflictgraph.neo4j_local.manager import (
    NEO4J_VERSION,
    LocalNeo4j,
    LocalNeo4jConfig,
    LocalNeo4jError,
)

# The second server's ports; CONFLICTGRAPH_TEST_SPARE_PORTS="bolt,http,routing" moves them.
BOLT, HTTP, ROUTING = (
    int(port) for port in os.environ.get("CONFLICTGRAPH_TEST_SPARE_PORTS", "7710,7410,7810").split(",")
)
PASSWORD = "second-server-pw"
POST_CONNECT = "play http://localhost:8000/guide"


def _config(home: Path, **changes: object) -> LocalNeo4jConfig:
    base = LocalNeo4jConfig(
        home=home, password=PASSWORD, bolt_port=BOLT, http_port=HTTP, routing_port=ROUTING,
        heap="512m", pagecache="128m",
    )
    return replace(base, **changes)


@pytest.fixture(scope="module")
def shared_lib() -> Path:
    """The jars of the test command's server home, assembled once (Maven only when cold)."""
    manager = LocalNeo4j(LocalNeo4jConfig.from_settings(Settings(), password="unused-here"))
    manager.provision()
    return manager.config.libs


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, shared_lib: Path) -> Iterator[LocalNeo4j]:
    home = tmp_path_factory.mktemp("neo4j-home")
    manager = LocalNeo4j(_config(home, lib_dir=shared_lib, post_connect_cmd=POST_CONNECT))
    manager.start(timeout=180)
    yield manager
    manager.stop()


# --- the real server ---------------------------------------------------------------------


@pytest.mark.neo4j
def test_status_reports_the_running_server(server: LocalNeo4j) -> None:
    status = server.status()
    assert status.running
    assert status.pid is not None
    assert server.pid_file.read_text().strip() == str(status.pid)
    assert status.bolt_uri == f"bolt://127.0.0.1:{BOLT}"
    assert status.browser_url == f"http://127.0.0.1:{HTTP}/browser/"
    assert status.version == NEO4J_VERSION


@pytest.mark.neo4j
def test_bolt_answers_with_the_configured_password_only(server: LocalNeo4j) -> None:
    with GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS ok")
        assert records[0]["ok"] == 1
        version, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition AS e"
        )
        assert (version[0]["v"], version[0]["e"]) == (NEO4J_VERSION, "community")
    with (
        GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", "not-the-password")) as bad,
        pytest.raises(AuthError),
    ):
        bad.verify_connectivity()


@pytest.mark.neo4j
def test_neo4j_browser_is_served(server: LocalNeo4j) -> None:
    response = httpx.get(f"http://127.0.0.1:{HTTP}/browser/", timeout=30)
    assert response.status_code == 200
    assert "Neo4j Browser" in response.text


@pytest.mark.neo4j
def test_browser_post_connect_command_reaches_the_browser_config(server: LocalNeo4j) -> None:
    """Browser reads its settings through dbms.clientConfig(): the hook must show up there."""
    with GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.clientConfig() YIELD name, value RETURN name, value", database_="system"
        )
    config = {r["name"]: r["value"] for r in records}
    assert config["browser.post_connect_cmd"] == POST_CONNECT


@pytest.mark.neo4j
def test_second_start_is_a_no_op_for_the_same_home(server: LocalNeo4j) -> None:
    pid = server.status().pid
    again = server.start(timeout=30)
    assert again.already_running and again.pid == pid


@pytest.mark.neo4j
def test_start_on_taken_ports_names_the_port(
    server: LocalNeo4j, shared_lib: Path, tmp_path: Path
) -> None:
    other = LocalNeo4j(_config(tmp_path / "other", lib_dir=shared_lib))
    with pytest.raises(LocalNeo4jError, match=rf"port {BOLT} \(bolt\).*already in use"):
        other.start(timeout=30)
    assert not other.pid_file.exists()
    with socket.socket() as probe:  # a bolt port nothing listens on, so http is the taken one
        probe.bind(("127.0.0.1", 0))
        free_bolt = probe.getsockname()[1]
    other_http = LocalNeo4j(_config(tmp_path / "other", lib_dir=shared_lib, bolt_port=free_bolt))
    with pytest.raises(LocalNeo4jError, match=rf"port {HTTP} \(http\)"):
        other_http.start(timeout=30)
    assert server.status().running


@pytest.mark.neo4j
def test_cli_status_reports_the_ports_the_server_was_started_with(
    server: LocalNeo4j, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the defaults, nor what the environment says now: what the running server uses."""
    from typer.testing import CliRunner

    from conflictgraph.cli import app

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:7687")
    monkeypatch.setenv("NEO4J_HTTP_PORT", "7474")
    result = CliRunner().invoke(app, ["neo4j", "status", "--home", str(server.home)])
    assert result.exit_code == 0, result.output
    assert f"bolt://127.0.0.1:{BOLT}" in result.output
    assert f"http://127.0.0.1:{HTTP}/browser/" in result.output
    assert "7474" not in result.output and "7687" not in result.output


@pytest.mark.neo4j
def test_start_with_other_ports_on_a_running_home_names_the_ports_in_use(
    server: LocalNeo4j, shared_lib: Path
) -> None:
    """A second start asking for another HTTP port must not leave the user believing it."""
    again = LocalNeo4j(_config(server.home, lib_dir=shared_lib, http_port=HTTP + 1)).start(
        timeout=30
    )
    assert again.already_running
    assert again.browser_url == f"http://127.0.0.1:{HTTP}/browser/"
    assert f"http {HTTP}" in again.note and str(HTTP + 1) in again.note
    assert "stop it first" in again.note


@pytest.mark.neo4j
def test_stop_stops_it(server: LocalNeo4j) -> None:
    """Runs last in this module: the fixture's own stop is then a no-op."""
    pid = server.status().pid
    assert pid is not None
    stopped = server.stop()
    assert not stopped.running
    assert stopped.note == "stopped"
    assert not server.status().running
    assert not server.pid_file.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not port_in_use("127.0.0.1", BOLT)
    with (
        GraphDatabase.driver(f"bolt://127.0.0.1:{BOLT}", auth=("neo4j", PASSWORD)) as driver,
        pytest.raises(ServiceUnavailable),
    ):
        driver.verify_connectivity()


# --- error paths and bookkeeping (no server needed) ----------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [("short", "at least 8"), ("", "set NEO4J_PASSWORD")],
)
def test_bad_password_is_refused_before_anything_happens(
    tmp_path: Path, password: str, message: str
) -> None:
    manager = LocalNeo4j(_config(tmp_path / "home", password=password))
    with pytest.raises(LocalNeo4jError, match=message):
        manager.start()
    assert not (tmp_path / "home").exists()


def _bin_dir(tmp_path: Path, scripts: dict[str, str]) -> str:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in scripts.items():
        script = bin_dir / name
        script.write_text(body)
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(bin_dir)


def test_missing_java_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _bin_dir(tmp_path, {}))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    manager = LocalNeo4j(_config(tmp_path / "home"))
    with pytest.raises(LocalNeo4jError, match=r"Java was not found.*Java 17"):
        manager.start()


def test_old_java_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_java = '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n'
    monkeypatch.setenv("PATH", _bin_dir(tmp_path, {"java": old_java}))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(LocalNeo4jError, match="is Java 11; Neo4j needs Java 17"):
        LocalNeo4j(_config(tmp_path / "home")).start()


def test_java_version_is_read_from_the_real_java() -> None:
    from shutil import which

    java = which("java")
    assert java is not None, "the test command needs Java 17+ on PATH"
    assert java_major_version(java) >= 17


def test_missing_maven_is_named_only_when_jars_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", _bin_dir(tmp_path, {}))
    manager = LocalNeo4j(_config(tmp_path / "home"))
    with pytest.raises(LocalNeo4jError, match=r"Maven \(`mvn`\) was not found"):
        manager.provision()
    lib = tmp_path / "home" / "lib"
    lib.mkdir(parents=True)
    (lib / "a.jar").write_bytes(b"")
    (lib / MARKER_NAME).write_text(
        json.dumps({"neo4j": NEO4J_VERSION, "browser": manager.config.browser_version, "jars": 1})
    )
    assert manager.provision() is False  # complete: Maven is not needed


def test_lib_marker_detects_missing_jars_and_other_versions(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for name in ("a.jar", "b.jar"):
        (lib / name).write_bytes(b"")
    (lib / MARKER_NAME).write_text(json.dumps({"neo4j": "5.26.30", "browser": "5.24.0", "jars": 2}))
    assert lib_is_complete(lib, "5.26.30", "5.24.0")
    assert not lib_is_complete(lib, "5.26.31", "5.24.0")
    (lib / "b.jar").unlink()
    assert not lib_is_complete(lib, "5.26.30", "5.24.0")


def test_taken_and_duplicate_ports_are_named() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with pytest.raises(LocalNeo4jError, match=rf"port {port} \(http\) on 127.0.0.1"):
            require_free_ports("127.0.0.1", {"http": port})
    with pytest.raises(LocalNeo4jError, match="bolt port and the http port are both 7999"):
        require_free_ports("127.0.0.1", {"http": 7999, "bolt": 7999})


def test_memory_that_cannot_fit_is_refused(tmp_path: Path) -> None:
    assert parse_size("512m") == 512 * 2**20 and parse_size("1G") == 2**30
    manager = LocalNeo4j(_config(tmp_path / "home", heap="64t"))
    with pytest.raises(LocalNeo4jError, match="do not fit"):
        manager.start()


def test_stale_pid_file_is_removed_and_its_process_left_alone(tmp_path: Path) -> None:
    manager = LocalNeo4j(_config(tmp_path / "home"))
    manager.pid_file.parent.mkdir(parents=True)
    manager.pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j: never signalled
    status = manager.status()
    assert not status.running
    assert "stale pid file" in status.note
    assert not manager.pid_file.exists()
    manager.pid_file.write_text(f"{os.getpid()}\n")
    assert not manager.stop().running  # and we are still here


def test_conf_renders_ports_sizes_and_the_browser_hook(tmp_path: Path) -> None:
    manager = LocalNeo4j(_config(tmp_path / "home", post_connect_cmd=POST_CONNECT))
    text = manager.write_conf().read_text()
    for line in (
        f"server.bolt.listen_address=127.0.0.1:{BOLT}",
        f"server.http.listen_address=127.0.0.1:{HTTP}",
        f"server.routing.listen_address=127.0.0.1:{ROUTING}",
        "server.memory.pagecache.size=128m",
        "server.memory.heap.max_size=512m",
        "dbms.usage_report.enabled=false",
        f"browser.post_connect_cmd={POST_CONNECT}",
    ):
        assert line in text.splitlines()
    assert "$" not in text
    plain = LocalNeo4j(_config(tmp_path / "plain")).write_conf().read_text()
    assert "\nbrowser.post_connect_cmd" not in plain


def test_bolt_port_follows_a_local_neo4j_uri(tmp_path: Path) -> None:
    local = Settings(NEO4J_URI="bolt://127.0.0.1:7700", CONFLICTGRAPH_NEO4J_HOME=tmp_path)
    assert LocalNeo4jConfig.from_settings(local).bolt_port == 7700
    remote = Settings(NEO4J_URI="neo4j+s://db.example.org:7700")
    assert LocalNeo4jConfig.from_settings(remote).bolt_port == 7687
    assert LocalNeo4jConfig.from_settings(local, bolt_port=7799, heap=None).bolt_port == 7799
    assert LocalNeo4jConfig.from_settings(local).heap == "1g"


def test_http_port_follows_neo4j_http_port(tmp_path: Path) -> None:
    """Option > NEO4J_HTTP_PORT > 7474, as the bolt port follows NEO4J_URI."""
    env = Settings(NEO4J_HTTP_PORT="7419", CONFLICTGRAPH_NEO4J_HOME=tmp_path)
    assert LocalNeo4jConfig.from_settings(env).http_port == 7419
    assert LocalNeo4jConfig.from_settings(env, http_port=7420).http_port == 7420
    assert LocalNeo4jConfig.from_settings(Settings(CONFLICTGRAPH_NEO4J_HOME=tmp_path)).http_port \
        in {7474, int(os.environ.get("NEO4J_HTTP_PORT", "7474"))}
    with pytest.raises(ValueError, match="NEO4J_HTTP_PORT"):
        Settings(NEO4J_HTTP_PORT="70000")


def test_cli_start_and_status_honour_neo4j_http_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI builds its config from the environment: a stopped home shows where it would
    listen, and `start` uses that port (here it clashes with --bolt-port, so `start` stops
    before probing or launching anything)."""
    from typer.testing import CliRunner

    from conflictgraph.cli import app

    monkeypatch.setenv("NEO4J_HTTP_PORT", "7419")
    monkeypatch.setenv("NEO4J_PASSWORD", "long-enough-pw")
    runner = CliRunner()
    result = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path)])
    assert result.exit_code == 3, result.output
    assert "http://127.0.0.1:7419/browser/" in result.output
    result = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path)],
                           env={"NEO4J_HTTP_PORT": "not-a-port"})
    assert result.exit_code != 0
    assert "NEO4J_HTTP_PORT" in result.output
    result = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path), "--bolt-port",
                                 "7419", "--routing-port", "7420"])
    assert result.exit_code == 1, result.output
    assert "the http port and the bolt port are both 7419" in result.output
    assert not (tmp_path / "run").exists()


def test_start_help_shows_the_bracketed_defaults() -> None:
    """Help text in brackets is text, not rich markup: nothing is dropped."""
    from typer.testing import CliRunner

    from conflictgraph.neo4j_local.cli import app

    result = CliRunner().invoke(app, ["start", "--help"], env={"COLUMNS": "200",
                                                               "TERMINAL_WIDTH": "200"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "[env CONFLICTGRAPH_NEO4J_HOME]" in text
    assert "[from NEO4J_URI, else 7687]" in text
    assert "[from NEO4J_HTTP_PORT, else 7474]" in text
    assert "[7688]" in text and "[1g]" in text and "[512m]" in text


def test_cli_reports_stopped_and_refuses_a_short_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from conflictgraph.cli import app

    monkeypatch.setenv("NEO4J_PASSWORD", "short")
    runner = CliRunner()
    result = runner.invoke(app, ["neo4j", "status", "--home", str(tmp_path)])
    assert result.exit_code == 3, result.output
    assert "stopped" in result.output
    result = runner.invoke(app, ["neo4j", "start", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert "at least 8" in result.output
    assert not (tmp_path / "run").exists()


def test_module_entry_point_runs_without_the_cli_registry(tmp_path: Path) -> None:
    """The test command drives the server through `python -m conflictgraph.neo4j_local`."""
    env = {**os.environ, "CONFLICTGRAPH_NEO4J_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "conflictgraph.neo4j_local", "status"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "stopped" in result.stdout and str(tmp_path / "home") in result.stdout


def test_a_server_that_dies_at_startup_is_reported_with_its_log(tmp_path: Path) -> None:
    """A lib without Neo4j in it: java exits at once, and the error carries the log's tail."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "empty.jar").write_bytes(b"")
    (lib / MARKER_NAME).write_text(
        json.dumps({"neo4j": NEO4J_VERSION, "browser": "5.24.0", "jars": 1})
    )
    manager = LocalNeo4j(
        _config(tmp_path / "home", lib_dir=lib, bolt_port=7712, http_port=7412, routing_port=7812)
    )
    manager.auth_file.parent.mkdir(parents=True)
    manager.auth_file.write_text("")  # as after a first start: no initial password step
    with pytest.raises(LocalNeo4jError) as failure:
        manager.start(timeout=60)
    message = str(failure.value)
    assert "Neo4j exited during startup" in message
    assert "Last 30 lines of" in message and "CommunityEntryPoint" in message
    assert not manager.pid_file.exists()
    assert not manager.status().running
