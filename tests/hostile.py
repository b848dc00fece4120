"""What hostile clients send, spoken at the byte level: a web page's WebSocket to the Bolt port,
and HTTP requests with a Host header of their choosing."""

from __future__ import annotations

import base64
import os
import socket
import struct


def http_status(port: int, path: str, host: str | None, *, websocket: bool = False, origin: str = "") -> int:
    """The status a local server answers to a GET of ``path`` sent with ``Host: host`` (none if
    ``host`` is None), as a plain request or as a WebSocket handshake."""
    lines = [f"GET {path} HTTP/1.1"]
    if host is not None:
        lines.append(f"Host: {host}")
    if websocket:
        key = base64.b64encode(os.urandom(16)).decode()
        lines += [
            "Connection: Upgrade",
            "Upgrade: websocket",
            "Sec-WebSocket-Version: 13",
            f"Sec-WebSocket-Key: {key}",
            "Sec-WebSocket-Protocol: streamlit",
        ]
    if origin:
        lines.append(f"Origin: {origin}")
    lines.append("Connection: close" if not websocket else "")
    request = "\r\n".join(line for line in lines if line) + "\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request.encode("latin-1"))
        head = s.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
    return int(head.split()[1])


def _frame(payload: bytes) -> bytes:
    """A masked binary WebSocket frame, as a browser sends it."""
    mask = os.urandom(4)
    n = len(payload)
    size = bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n)
    return bytes([0x82]) + size + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def _read_frame(s: socket.socket) -> bytes:
    def exact(k: int) -> bytes:
        data = b""
        while len(data) < k:
            chunk = s.recv(k - len(data))
            if not chunk:
                raise EOFError("closed")
            data += chunk
        return data

    head = exact(2)
    n = head[1] & 0x7F
    if n == 126:
        n = struct.unpack(">H", exact(2))[0]
    elif n == 127:
        n = struct.unpack(">Q", exact(8))[0]
    return exact(n)


def _packstream_text(text: str) -> bytes:
    data = text.encode()
    return (bytes([0x80 | len(data)]) if len(data) < 16 else bytes([0xD0, len(data)])) + data


def bolt_login_over_websocket(
    port: int, user: str, password: str, origin: str = "http://evil.example"
) -> bool:
    """Whether a login sent to Bolt over a WebSocket, as a page from ``origin`` can, succeeds."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(
            (
                f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = s.recv(4096)
            if not chunk:
                return False
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            return False
        s.sendall(_frame(bytes.fromhex("6060B017") + bytes.fromhex("00000404") + b"\x00" * 12))  # Bolt 4.4
        _read_frame(s)
        fields = {
            "user_agent": "a-web-page/1.0",
            "scheme": "basic",
            "principal": user,
            "credentials": password,
        }
        body = bytes([0xB1, 0x01, 0xA0 | len(fields)])
        body += b"".join(_packstream_text(k) + _packstream_text(v) for k, v in fields.items())
        s.sendall(_frame(struct.pack(">H", len(body)) + body + b"\x00\x00"))
        reply = _read_frame(s)
        return reply[3:4] == b"\x70"  # SUCCESS; FAILURE is 0x7f
