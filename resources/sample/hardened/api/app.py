"""ThreatDock's hardened sample API: the fixed twin of ../../vulnerable/api/app.py.

- the admin and Redis passwords come from the environment (the compose file reads them
  from .env), never from the source;
- /ping validates the address and runs ping with an argument list, without a shell;
- /calc evaluates arithmetic with an AST whitelist instead of eval();
- the bind address is chosen deliberately (BIND_ADDRESS) and the debugger is off.
"""
import ast
import hmac
import ipaddress
import operator
import os
import shutil
import socket
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)

ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "")
REDIS_HOST = os.environ.get("REDIS_HOST", "redis")
REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD", "")
# Inside the container the API must listen on its network interface; what the host
# exposes is decided by the compose file's port binding (127.0.0.1 only).
BIND_ADDRESS = os.environ.get("BIND_ADDRESS", "127.0.0.1")
PORT = int(os.environ.get("PORT", "5000"))
# ping by its absolute path, resolved once at start (no PATH lookup per request).
PING = shutil.which("ping")

MAX_EXPRESSION = 64
OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


def redis_command(*words):
    """Sends one command to Redis (RESP protocol) and returns the raw reply."""
    with socket.create_connection((REDIS_HOST, 6379), timeout=2) as conn:
        if REDIS_PASSWORD:
            conn.sendall(encode_command("AUTH", REDIS_PASSWORD))
            conn.recv(512)
        conn.sendall(encode_command(*words))
        return conn.recv(512).decode(errors="replace").strip()


def encode_command(*words):
    parts = [b"*%d\r\n" % len(words)]
    for word in words:
        data = str(word).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def evaluate(node):
    """Evaluates an arithmetic expression tree of numbers and + - * / // % only."""
    if isinstance(node, ast.Expression):
        return evaluate(node.body)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](evaluate(node.left), evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](evaluate(node.operand))
    raise ValueError("only numbers and + - * / // % are allowed")


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/visits")
def visits():
    try:
        return jsonify(reply=redis_command("INCR", "visits"))
    except OSError:
        return jsonify(error="data store unavailable"), 503


@app.route("/admin")
def admin():
    given = request.headers.get("X-Admin-Password", "")
    if not ADMIN_PASSWORD or not hmac.compare_digest(given, ADMIN_PASSWORD):
        return jsonify(error="forbidden"), 403
    return jsonify(redis=REDIS_HOST)


@app.route("/ping")
def ping():
    try:
        address = ipaddress.ip_address(request.args.get("host", "127.0.0.1"))
    except ValueError:
        return jsonify(error="host must be an IP address"), 400
    if PING is None:
        return jsonify(error="ping is not installed"), 503
    try:
        result = subprocess.run(
            [PING, "-c", "1", "-W", "2", str(address)],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return jsonify(error=str(error)), 502
    return jsonify(returncode=result.returncode, output=result.stdout)


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "1+1")
    if len(expr) > MAX_EXPRESSION:
        return jsonify(error="expression too long"), 400
    try:
        return jsonify(result=evaluate(ast.parse(expr, mode="eval")))
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError) as error:
        return jsonify(error=str(error)), 400


if __name__ == "__main__":
    app.run(host=BIND_ADDRESS, port=PORT, debug=False)
