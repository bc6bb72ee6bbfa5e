"""A property firm's webhook receiver: verifies each delivery's signature, answers 2xx, keeps events once.

    LINLI_WEBHOOK_SECRET=whsec_... python docs/examples/webhook_receiver.py --port 8765 --out received.jsonl

linli POSTs each event as JSON with ``X-Linli-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
"<t>." + body>``; ``linli_webhooks.verify`` checks it (standard library only: copy that one file into your
own system). A delivery that does not verify gets 400 and is not kept. Delivery is at least once and in
order per subscription: deduplicate on ``X-Linli-Event-Id``. Answer quickly — do the work after answering.
Standard library only (plus linli_webhooks), so it runs anywhere Python runs.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from linli_webhooks import EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, SignatureError, verify


def make_handler(secret: str, out: Path):
    seen: set[str] = set()
    lock = threading.Lock()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                verify(secret, body, self.headers.get(SIGNATURE_HEADER, ""))
            except SignatureError as err:
                self.send_response(400)
                self.end_headers()
                self.wfile.write(f"bad signature: {err}".encode())
                return
            event_id = self.headers.get(EVENT_ID_HEADER, "")
            with lock:
                fresh = event_id not in seen
                seen.add(event_id)
                if fresh:
                    event = json.loads(body)
                    line = {"event_id": event_id, "type": self.headers.get(EVENT_TYPE_HEADER), "event": event}
                    with out.open("a", encoding="utf-8") as f:
                        f.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.send_response(204)  # received (again, for a retry: still 2xx, so it stops)
            self.end_headers()

        def log_message(self, *args):  # quiet
            pass

    return Receiver


def main() -> None:
    parser = argparse.ArgumentParser(description="linli webhook receiver (sample)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--out", type=Path, default=Path("received.jsonl"), help="verified events, one per line"
    )
    args = parser.parse_args()
    secret = os.environ.get("LINLI_WEBHOOK_SECRET", "")
    if not secret:
        raise SystemExit(
            "set LINLI_WEBHOOK_SECRET to the subscription's secret (shown once when subscribing)"
        )
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(secret, args.out))
    print(f"listening on http://127.0.0.1:{args.port}/linli, writing {args.out}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
