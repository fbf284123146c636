"""The JSON-RPC 2.0 transport of devchain: HTTP POST on one path, single or batch requests."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from node import RPCError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):  # quiet: the tests read stdout for the start-up line only
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        try:
            request = json.loads(body)
        except ValueError:
            self._send(_error(None, -32700, "parse error"))
            return
        if isinstance(request, list):
            answer = [self._one(r) for r in request] if request else _error(None, -32600, "empty batch")
        else:
            answer = self._one(request)
        self._send(answer)

    def _one(self, request):
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0" or not isinstance(request.get("method"), str):
            return _error(request.get("id") if isinstance(request, dict) else None, -32600, "invalid request")
        rid = request.get("id")
        params = request.get("params", [])
        if not isinstance(params, list):
            return _error(rid, -32602, "params must be an array")
        try:
            result = self.server.node.dispatch(request["method"], params)
        except RPCError as e:
            return _error(rid, e.code, e.message, e.data)
        return {"jsonrpc": "2.0", "id": rid, "result": result}

    def _send(self, answer):
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _error(rid, code, message, data=None):
    error = {"code": code, "message": message}
    if data is not None:
        error["data"] = data
    return {"jsonrpc": "2.0", "id": rid, "error": error}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def shutdown_soon(self):
        """Stops serve_forever from a signal handler (shutdown() itself would wait for it)."""
        threading.Thread(target=self.shutdown, daemon=True).start()


def serve(node, host, port):
    """A bound server for `node` (port 0: a free port); the caller runs serve_forever()."""
    httpd = _Server((host, port), _Handler)
    httpd.node = node
    return httpd
