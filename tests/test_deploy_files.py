"""docker-compose.yml, Dockerfile, pom.xml, .ci/run and the test command agree with each other.

One Neo4j version everywhere (NEO4J_VERSION), the API waits for a healthy
database, and CI runs exactly the README's test command.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from conflictgraph.graph.neo4j_hardening import REQUIRED_SETTINGS, compose_environment
from conflictgraph.neo4j_local.manager import (
    BROWSER_VERSION,
    NEO4J_VERSION,
    LocalNeo4j,
    LocalNeo4jConfig,
)

REPO = Path(__file__).resolve().parent.parent
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {str(k): str(v) for k, v in env.items()}


def test_compose_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == f"neo4j:{NEO4J_VERSION}-community"
    assert _env(neo4j)["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    # Published on the loopback interface only: nothing reachable from the network by default.
    assert {"127.0.0.1:7474:7474", "127.0.0.1:7687:7687"} <= {str(p) for p in neo4j["ports"]}
    volume_names = {str(v).split(":", 1)[0] for v in neo4j["volumes"]}
    assert volume_names & set(compose["volumes"]), "the data volume must be a named volume"
    assert any(str(v).endswith(":/data") for v in neo4j["volumes"])
    check = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in check and "RETURN 1" in check


def test_compose_api_waits_for_a_healthy_neo4j(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["build"]["dockerfile"] == "Dockerfile"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = _env(api)
    assert env["CONFLICTGRAPH_STORE"] == "neo4j"
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    assert "127.0.0.1:8000:8000" in [str(p) for p in api["ports"]]
    assert api["command"] == "conflictgraph serve --host 0.0.0.0 --port 8000"


def test_pom_assembles_the_same_versions() -> None:
    root = ET.parse(REPO / "neo4j_local" / "pom.xml").getroot()
    props = root.find("m:properties", POM_NS)
    assert props is not None
    assert props.findtext("m:neo4j.version", namespaces=POM_NS) == NEO4J_VERSION
    assert props.findtext("m:neo4j-browser.version", namespaces=POM_NS) == BROWSER_VERSION
    deps = {
        (d.findtext("m:groupId", namespaces=POM_NS), d.findtext("m:artifactId", namespaces=POM_NS)):
            d.findtext("m:version", namespaces=POM_NS)
        for d in root.iterfind("m:dependencies/m:dependency", POM_NS)
    }
    assert deps == {
        ("org.neo4j", "neo4j"): "${neo4j.version}",
        ("org.neo4j.client", "neo4j-browser"): "${neo4j-browser.version}",
    }


def test_dockerfile_installs_the_package_with_the_constraints() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.MULTILINE)
    assert re.search(r"pip install -c constraints\.txt \.(\s|$)", text)
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r"^EXPOSE 8000\b", text, re.MULTILINE)
    assert re.search(r"^HEALTHCHECK\b.*\\\n.*/healthz", text, re.MULTILINE)


def test_ci_runs_exactly_the_test_command() -> None:
    ci = REPO / ".ci" / "run"
    assert os.access(ci, os.X_OK)
    lines = [ln.strip() for ln in ci.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    assert "set -euo pipefail" in lines
    assert "export CI=true" in lines
    assert lines[-1] in {"./scripts/test.sh", "exec ./scripts/test.sh"}


def test_the_test_command_always_stops_neo4j() -> None:
    script = REPO / "scripts" / "test.sh"
    assert os.access(script, os.X_OK)
    text = script.read_text()
    assert "set -euo pipefail" in text
    assert "trap stop_neo4j EXIT" in text
    assert "python -m conflictgraph.neo4j_local" in text
    assert "neo4j_ctl start" in text and "neo4j_ctl stop" in text
    assert 'python -m pytest "$@"' in text


def test_compose_neo4j_has_the_hardening_settings(compose: dict[str, Any]) -> None:
    """docker compose starts Neo4j with the same hardening as `conflictgraph neo4j start`."""
    env = _env(compose["services"]["neo4j"])
    wanted = compose_environment()
    assert {k: env.get(k) for k in wanted} == wanted


def test_local_neo4j_conf_has_the_hardening_settings(tmp_path: Path) -> None:
    server = LocalNeo4j(LocalNeo4jConfig(home=tmp_path, password="password-123"))
    lines = set(server.write_conf().read_text().splitlines())
    assert {f"{k}={v}" for k, v in REQUIRED_SETTINGS.items()} <= lines
