#!/usr/bin/env python3
"""flask-cors (Debian python3-flask-cors) on the cases of corset's peers table: its own overhead
per request, measured in-process as a Flask app with CORS(app, ...) minus the same app without it,
each called as a WSGI application on a prepared environ (no sockets). CPython reports no
allocation count per call; the table says so.

usage: /usr/bin/python3 flask_cors_driver.py [--quick]   (prints one JSON object)"""
import json
import sys
import time

import flask
import flask_cors

quick = "--quick" in sys.argv
origins = [f"https://app{i}.tenant{i % 61}.example.com" for i in range(1, 17)]


def app(with_cors):
    a = flask.Flask("peer")

    @a.route("/api/items", methods=["GET", "PUT", "DELETE"])
    def items():
        return ""

    if with_cors:
        # Strings with regular-expression characters are read as expressions; nothing checks them.
        flask_cors.CORS(a, origins=origins + [r"https://([a-z0-9-]+\.)+example\.com$"],
                        methods=["GET", "POST", "HEAD", "PUT", "DELETE"],
                        allow_headers=["authorization", "content-type", "x-requested-with"],
                        expose_headers=["x-request-id"], supports_credentials=True, max_age=600)
    return a.wsgi_app


cases = {
    "actual_allowed": ("GET", {"HTTP_ORIGIN": "https://app16.tenant16.example.com"}),
    "actual_refused": ("GET", {"HTTP_ORIGIN": "https://app9999.tenant1.example.org"}),
    "preflight": ("OPTIONS", {"HTTP_ORIGIN": "https://app16.tenant16.example.com",
                              "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "PUT",
                              "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization,content-type,x-requested-with"}),
    "no_origin": ("GET", {}),
    "subdomain_match": ("GET", {"HTTP_ORIGIN": "https://deep.sub.example.com"}),
}


def environ(method, headers):
    e = {"REQUEST_METHOD": method, "PATH_INFO": "/api/items", "SERVER_NAME": "api.example.com",
         "SERVER_PORT": "443", "HTTP_HOST": "api.example.com", "wsgi.url_scheme": "https",
         "wsgi.input": None, "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1"}
    e.update(headers)
    return e


def start_response(status, headers, exc_info=None):
    return None


def serve(wsgi, e):
    for _ in wsgi(dict(e), start_response):
        pass


def measure(wsgi, e, iterations):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter_ns()
        for _ in range(iterations):
            serve(wsgi, e)
        best = min(best, (time.perf_counter_ns() - start) / iterations)
    return best


iterations = 200 if quick else 5000
with_cors, without = app(True), app(False)
out = {"peer": "flask-cors", "version": f"{getattr(flask_cors, '__version__', '?')} (Debian python3-flask-cors)",
       "runtime": f"python {sys.version.split()[0]}, flask {flask.__version__}", "cases": {}}
for name, (method, headers) in cases.items():
    e = environ(method, headers)
    on, off = measure(with_cors, e, iterations), measure(without, e, iterations)
    out["cases"][name] = {"ns": on - off, "allocs": None, "bytes": None}
print(json.dumps(out))
