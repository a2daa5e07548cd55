"""ThreatDock's vulnerable sample API: a small Flask service with a Redis visit counter.

Insecure ON PURPOSE, for security reviews and training. Never deploy it. Every flaw
below is fixed in ../../hardened/api/app.py.
"""
import os
import socket
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)

# Flaw: a hard-coded credential (Bandit B105, ThreatDock SEC-SRC-001).
ADMIN_PASSWORD = "Tr0ub4dor&3-admin"

REDIS_HOST = os.environ.get("REDIS_HOST", "redis")
REDIS_PASSWORD = os.environ.get("REDIS_PASSWORD", "")


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


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/visits")
def visits():
    return jsonify(reply=redis_command("INCR", "visits"))


@app.route("/admin")
def admin():
    if request.headers.get("X-Admin-Password") != ADMIN_PASSWORD:
        return jsonify(error="forbidden"), 403
    return jsonify(redis=REDIS_HOST, password=REDIS_PASSWORD)


@app.route("/ping")
def ping():
    # Flaw: command injection, user input through a shell (Bandit B602).
    host = request.args.get("host", "127.0.0.1")
    output = subprocess.check_output("ping -c 1 " + host, shell=True)
    return output


@app.route("/calc")
def calc():
    # Flaw: code injection, eval() on user input (Bandit B307).
    expr = request.args.get("expr", "1+1")
    return jsonify(result=eval(expr))


if __name__ == "__main__":
    # Flaws: every interface (Bandit B104) and the Werkzeug debugger (Bandit B201).
    app.run(host="0.0.0.0", port=5000, debug=True)
