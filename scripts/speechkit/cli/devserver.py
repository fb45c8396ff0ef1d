"""`make serve`: check the port first, then hand over to `mkdocs serve`.

MkDocs itself dies with a Python traceback when the port is taken; a contributor gets a Chinese
sentence and the command to use instead. `--no-strict` keeps a warning from freezing the preview:
the variants hook shows every finding on the page while serving, and `make build` stays strict.
"""
from __future__ import annotations

import errno
import os
import socket
import sys

HOST = "127.0.0.1"


def port_problem(port: int, host: str = HOST) -> str | None:
    """Why `mkdocs serve` could not listen on `port`, in Chinese, or None when it can."""
    if not 1 <= port <= 65535:
        return f"端口 {port} 不在 1～65535 之间。"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"端口 {port} 已被占用（可能已经有一个 make serve 在运行）。"
            if exc.errno == errno.EACCES:
                return f"没有权限使用端口 {port}。"
            return f"无法使用端口 {port}（{exc.strerror}）。"
    return None


def free_port(start: int, host: str = HOST, tries: int = 20) -> int | None:
    for port in range(start + 1, min(start + 1 + tries, 65536)):
        if port_problem(port, host) is None:
            return port
    return None


def exec_mkdocs(port: int, host: str = HOST) -> None:
    """Replace this process by `mkdocs serve` (Ctrl+C then stops MkDocs directly)."""
    args = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{host}:{port}", "--watch-theme", "--no-strict"]
    os.execv(sys.executable, args)
