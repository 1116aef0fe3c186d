"""Starts tests/oidc/provider.mjs (a real OpenID Connect provider) on a free loopback port."""

import json
import os
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from twinhub.testing.node import node_package

HERE = Path(__file__).resolve().parent
CLIENT_ID = "twinhub-test"
CLIENT_SECRET = "twinhub-test-secret-0123456789abcdef"
CALLBACK = "http://testserver/accounts/oidc/eulogin/login/callback/"
ACCOUNTS = [
    {"sub": "eu-ayse", "email": "ayse.yilmaz@eulogin.example", "email_verified": True, "password": "Ayse-pw-1",
     "given_name": "Ayşe", "family_name": "Yılmaz"},
    {"sub": "eu-jan", "email": "jan.peeters@eulogin.example", "email_verified": True, "password": "Jan-pw-1",
     "given_name": "Jan", "family_name": "Peeters"},
    # An old-platform teacher (the legacy test export's U4/U6), typed the Turkish upper-case way.
    {"sub": "eu-ilker", "email": "İLKER.ŞAHİN12@GMAİL.COM", "email_verified": True, "password": "Ilker-pw-1",
     "given_name": "İlker", "family_name": "Şahin"},
    {"sub": "eu-giulia", "email": "giulia.new@eulogin.example", "email_verified": True, "password": "Giulia-pw-1",
     "given_name": "Giulia", "family_name": "Rossi"},
]


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    accounts_file: Path
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    callback: str = CALLBACK


@pytest.fixture(scope="session")
def oidc_provider():
    """A running provider; the process is stopped at the end of the session."""
    node_package("oidc-provider", needs_node=True)
    folder = tempfile.TemporaryDirectory()
    accounts_file = Path(folder.name) / "accounts.json"  # read at every sign-in: tests may change it
    accounts_file.write_text(json.dumps(ACCOUNTS), encoding="utf-8")
    env = {**os.environ, "OIDC_TEST_CLIENT_ID": CLIENT_ID, "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
           "OIDC_TEST_REDIRECT_URIS": CALLBACK, "OIDC_ACCOUNTS_FILE": str(accounts_file)}
    errors = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a chatty provider never blocks
    process = subprocess.Popen(["node", str(HERE / "provider.mjs")], cwd=HERE, env=env,
                               stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        deadline = time.monotonic() + 20
        line = ""
        while time.monotonic() < deadline and not line.startswith("READY "):
            ready, _w, _x = select.select([process.stdout], [], [], 0.5)
            if ready:
                line = process.stdout.readline()
                if not line:
                    break
        if not line.startswith("READY "):
            process.kill()
            errors.seek(0)
            raise RuntimeError(f"the OIDC provider did not start: {errors.read()}")
        yield RunningProvider(issuer=line.split()[1], accounts_file=accounts_file)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        errors.close()
        folder.cleanup()


@pytest.fixture
def provider_accounts(oidc_provider):
    """Change the provider's accounts for one test (e.g. an address changed at EU Login)."""
    def change(accounts):
        oidc_provider.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")

    yield change
    change(ACCOUNTS)
