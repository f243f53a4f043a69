"""Settings from the environment (and an optional .env file), typed and validated once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Every knob the service reads. Names are the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    store: Literal["memory", "neo4j"] = Field(
        default="memory", alias="CONFLICTGRAPH_STORE",
        description="Which backend holds the graph.",
    )
    data_dir: Path = Field(
        default=Path("conflictgraph-data"), alias="CONFLICTGRAPH_DATA_DIR",
        description="Where the memory store keeps its file.",
    )
    neo4j_uri: str = Field(default="bolt://127.0.0.1:7687", alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(default=SecretStr(""), alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")
    neo4j_http_port: int | None = Field(
        default=None, alias="NEO4J_HTTP_PORT", ge=1, le=65535,
        description="HTTP/Browser port of the local server (`conflictgraph neo4j start`; 7474).",
    )
    neo4j_home: Path = Field(
        default=Path.home() / ".cache" / "conflictgraph" / "neo4j",
        alias="CONFLICTGRAPH_NEO4J_HOME",
        description="Where `conflictgraph neo4j start` assembles and runs the local server.",
    )
    api_key: SecretStr | None = Field(default=None, alias="CONFLICTGRAPH_API_KEY")
    gazetteer_path: Path | None = Field(
        default=None, alias="CONFLICTGRAPH_GAZETTEER",
        description="A JSONL file of extra or overriding actors.",
    )
    rules_path: Path | None = Field(
        default=None, alias="CONFLICTGRAPH_RULES",
        description="A JSONL file of extra or overriding extraction triggers (read at startup).",
    )
    parse_all: bool = Field(
        default=True, alias="CONFLICTGRAPH_PARSE_ALL",
        description="Tag and parse every sentence (the default). False: only the sentences "
                    "with two actor candidates (the same claims; faster only where most "
                    "sentences name fewer than two actors).",
    )
    redis_url: str = Field(
        default="redis://127.0.0.1:6379/0", alias="CONFLICTGRAPH_REDIS_URL",
        description="The Redis server that feeds parallel ingest workers (`conflictgraph queue`).",
    )
    allow_private_urls: bool = Field(
        default=False, alias="CONFLICTGRAPH_ALLOW_PRIVATE_URLS",
        description="Let ingest fetch URLs on loopback, private and link-local addresses "
                    "(the default refuses them); the same as `--allow-private-urls`.",
    )
    max_body_bytes: int = Field(default=10_000_000, alias="CONFLICTGRAPH_MAX_BODY_BYTES")
    max_dataset_bytes: int = Field(
        default=200_000_000, alias="CONFLICTGRAPH_MAX_DATASET_BYTES",
        description="Largest dataset file POST /datasets/{format} takes (streamed to a "
                    "temporary file, never held in memory)",
    )
    warmup_seconds: float = Field(
        default=60.0, alias="CONFLICTGRAPH_WARMUP_SECONDS", ge=0,
        description="Longest start-up warm-up of a server (page cache, query plans, each "
                    "read route once) before /readyz answers ready; 0 turns it off.",
    )
    cors_origins: list[str] = Field(default_factory=list, alias="CONFLICTGRAPH_CORS_ORIGINS")

    @field_validator("rules_path", mode="before")
    @classmethod
    def _unset_when_empty(cls, value: object) -> object:
        """CONFLICTGRAPH_RULES= (empty) means no user rules, not the current directory."""
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def memory_path(self) -> Path:
        return self.data_dir / "graph.json"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
