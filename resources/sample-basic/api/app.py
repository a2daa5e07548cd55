"""The sample shop API: lists products from PostgreSQL."""
import os

import psycopg2
from flask import Flask, jsonify

app = Flask(__name__)


def connect():
    return psycopg2.connect(
        host=os.environ["DB_HOST"],
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        dbname="shop",
    )


@app.get("/products")
def products():
    with connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT id, name, price FROM products ORDER BY id")
        rows = cur.fetchall()
    return jsonify([{"id": r[0], "name": r[1], "price": float(r[2])} for r in rows])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, debug=os.environ.get("FLASK_DEBUG") == "1")
