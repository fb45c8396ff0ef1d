#!/usr/bin/env python3
"""A small static file server that compresses text files with gzip, as any real host does.

Used by the benchmark (Lighthouse measures what a visitor downloads); not part of the site.
Usage: python scripts/gzip_server.py SITE_DIR [PORT]
"""
from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves SITE_DIR; text files go out gzip-compressed when the client accepts it. Connections are
    kept open between requests (HTTP/1.1, every response has a length), as any real host keeps them:
    with one connection per request, Lighthouse's simulation charged every file a new handshake."""

    protocol_version = "HTTP/1.1"
    cache: dict[Path, bytes] = {}

    def log_message(self, *args) -> None:  # keep benchmark output readable
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: copyfile() reads it, then it is closed."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving `site` in a background thread; returns the server and its base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("用法：python scripts/gzip_server.py 网站目录 [端口]")
    _, url = serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8001)
    print(f"正在提供 {sys.argv[1]}（gzip 压缩）：{url}，按 Ctrl+C 停止")
    threading.Event().wait()
