"""ingest_http: sustained ingest through POST /articles with concurrent clients.

The API runs under uvicorn on an empty store; N client threads, each with
its own connection, POST one real article per request (each under its own
URL, so every request creates an article) until the request budget or the
time cap runs out. One article is sent first, untimed, so the server has
loaded its NLP models before the clock starts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from .context import Context
from .corpus import load_corpus
from .graphs import server_env
from .results import Result, metric
from .server import uvicorn_server

__all__ = ["run"]


def _records(count: int) -> list[dict[str, Any]]:
    """``count`` JSON bodies from the real corpus, cycled, each with a distinct URL."""
    articles = load_corpus(allow_download=False).articles
    bodies = []
    for index in range(count):
        article = articles[index % len(articles)]
        bodies.append({
            "text": article.text,
            "url": f"https://bench.invalid/ingest/{index}",
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source,
        })
    return bodies


def _post(client: httpx.Client, body: dict[str, Any]) -> int:
    response = client.post("/articles", json=body)
    if response.status_code not in (200, 201):
        raise RuntimeError(f"POST /articles answered {response.status_code}: {response.text[:500]}")
    return int(response.json()["created"])


@contextmanager
def _served(ctx: Context, store_name: str) -> Iterator[str]:
    """An API on an empty ``store_name`` store; Neo4j is left empty afterwards."""
    log = ctx.workdir / f"ingest-{store_name}.log"
    if store_name == "memory":
        data_dir = ctx.workdir / "ingest-memory"
        (data_dir / "graph.json").unlink(missing_ok=True)
        with uvicorn_server(server_env(ctx, "memory", data_dir), log,
                            ready_path="/readyz") as url:
            yield url
        return
    store = ctx.neo4j_store()
    try:
        with uvicorn_server(server_env(ctx, "neo4j"), log, ready_path="/readyz") as url:
            yield url
    finally:
        ctx.release_neo4j(store)


def measure(base_url: str, bodies: list[dict[str, Any]], clients: int, time_cap_s: float,
            ) -> tuple[int, int, float, bool]:
    """(requests done, articles created, wall seconds, capped) for ``clients`` threads."""
    queue = iter(bodies)
    lock = threading.Lock()
    done = created = 0
    errors: list[BaseException] = []
    deadline = time.perf_counter() + time_cap_s
    capped = threading.Event()

    def worker() -> None:
        nonlocal done, created
        with httpx.Client(base_url=base_url, timeout=max(time_cap_s, 60.0)) as client:
            while not errors:
                if time.perf_counter() > deadline:
                    capped.set()
                    return
                with lock:
                    body = next(queue, None)
                if body is None:
                    return
                try:
                    made = _post(client, body)
                except BaseException as exc:
                    errors.append(exc)
                    return
                with lock:
                    done += 1
                    created += made

    threads = [threading.Thread(target=worker, name=f"ingest-client-{i}") for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"an ingest client failed: {errors[0]}") from errors[0]
    return done, created, elapsed, capped.is_set()


def run(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    results: list[Result] = []
    stores = [s for s in sizes.ingest_stores if s in ctx.stores()]
    for store_name in stores:
        bodies = _records(sizes.ingest_requests + 1)
        ctx.progress(f"starting the API on an empty {store_name} store")
        with _served(ctx, store_name) as base_url:
            ctx.progress("warming up: first article loads the NLP models")
            with httpx.Client(base_url=base_url, timeout=300.0) as client:
                _post(client, bodies[0])
            ctx.progress(f"{sizes.ingest_clients} clients POSTing {sizes.ingest_requests} "
                         f"articles to {store_name}")
            done, created, elapsed, capped = measure(base_url, bodies[1:], sizes.ingest_clients,
                                                     sizes.ingest_time_cap_s)
        if created == 0:
            raise RuntimeError("no article was created: nothing to measure")
        chars = sum(len(b["text"]) for b in bodies[1:done + 1])
        config = (f"{store_name} store, {sizes.ingest_clients} clients, {done} requests"
                  f"{' (time cap hit)' if capped else ''}, one article per request")
        results.append(metric(
            "ingest_http_articles_per_s", created / elapsed, "articles/s", config=config,
            note="articles created per second of wall time, over HTTP; the server extracts "
                 "one request at a time (ingest lock), so clients queue" if store_name ==
                 stores[0] else "",
            extra={"store": store_name, "requests": done, "created": created,
                   "seconds": round(elapsed, 3), "chars_per_s": round(chars / elapsed)},
        ))
    return results
