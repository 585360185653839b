"""The cost of encryption at rest on API lists: ``GET /api/clients?page_size=50`` (three
encrypted columns per row: contact name, e-mail, phone) and ``GET /api/team-members`` (the
phone), each served in-process through the whole DRF stack (JWT-less forced auth, policy,
filters, pagination, serializer) with the columns decrypted as in production, and again with
decryption skipped (``EncryptedTextField.from_db_value`` returning the stored value: what a
plaintext column costs to read). Rounds alternate; the median of each is kept.

Prints requests per second both ways and ``encrypted / plaintext``; the headline figure is
``api_encrypted_ratio_min`` (target >= 0.9). In-process figures leave out the HTTP server's
own cost, so the ratio over HTTP is closer to 1 than this one: this is the lower bound.
"""

from __future__ import annotations

import json

ROUNDS = 5
REQUESTS = 60
TARGET = 0.9

CODE = r"""
import json, statistics, time
from rest_framework.test import APIRequestFactory, force_authenticate
from django.urls import resolve
from localbzz.accounts.models import User
from localbzz import crypto

user = User.objects.get(email=__EMAIL__)
factory = APIRequestFactory()
real = crypto.EncryptedTextField.from_db_value

def plain(self, value, expression, connection):
    return value

def rate(path, n):
    match = resolve(path.split("?")[0])
    start = time.perf_counter()
    for _ in range(n):
        request = factory.get(path, HTTP_HOST="127.0.0.1")
        force_authenticate(request, user=user)
        response = match.func(request, *match.args, **match.kwargs)
        response.render()
        assert response.status_code == 200, response.status_code
    return n / (time.perf_counter() - start)

out = {}
for path in __PATHS__:
    rate(path, 5)  # warm up
    enc, pla = [], []
    for _ in range(__ROUNDS__):
        crypto.EncryptedTextField.from_db_value = real
        enc.append(rate(path, __N__))
        crypto.EncryptedTextField.from_db_value = plain
        pla.append(rate(path, __N__))
    crypto.EncryptedTextField.from_db_value = real
    out[path] = {"encrypted": statistics.median(enc), "plaintext": statistics.median(pla)}
print(json.dumps(out))
"""

PATHS = ["/api/clients?page_size=50", "/api/team-members?page_size=50"]


def run(ctx) -> None:
    code = (
        CODE.replace("__EMAIL__", repr(ctx.users["admin"]))
        .replace("__PATHS__", repr(PATHS))
        .replace("__ROUNDS__", str(ROUNDS))
        .replace("__N__", str(REQUESTS))
    )
    result = json.loads(ctx.manage("shell", "-c", code).strip().splitlines()[-1])
    rows, ratios = [], []
    for path, figures in result.items():
        ratio = figures["encrypted"] / figures["plaintext"]
        ratios.append(ratio)
        rows.append(
            {
                "list (in-process, page of 50)": f"GET {path}",
                "encrypted req/s": round(figures["encrypted"], 1),
                "plaintext req/s": round(figures["plaintext"], 1),
                "ratio": round(ratio, 2),
            }
        )
    ctx.report("API lists with encrypted columns vs. the same without decryption", rows)
    ctx.figure("api_encrypted_ratio_min", min(ratios), "ratio", f">= {TARGET}")
