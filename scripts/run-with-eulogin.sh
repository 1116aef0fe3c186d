#!/bin/sh
# `make run`'s server, with a local OpenID Connect provider standing in for EU Login beside it
# (tests/oidc/provider.mjs: NOT EU Login; see README "EU Login in the demo"). Without Node.js or its
# npm packages the demo still runs, without the EU Login button.
#   usage: scripts/run-with-eulogin.sh HOST PORT SERVER-COMMAND...  (VAR=value words allowed first)
set -eu
host=$1 port=$2
shift 2
oidc_port=${OIDC_DEMO_PORT:-$((port + 1))}
here=$(cd "$(dirname "$0")/.." && pwd)
provider_pid=""
if command -v node >/dev/null 2>&1 && [ -d "$here/tests/oidc/node_modules/oidc-provider" ]; then
  mkdir -p "$here/var"
  ready="$here/var/eulogin-stand-in.ready"
  rm -f "$ready"
  OIDC_PORT=$oidc_port OIDC_TEST_CLIENT_ID=twinhub-demo OIDC_TEST_CLIENT_SECRET=twinhub-demo-secret \
  OIDC_TEST_REDIRECT_URIS="http://$host:$port/accounts/oidc/eulogin/login/callback/,http://localhost:$port/accounts/oidc/eulogin/login/callback/" \
  OIDC_ACCOUNTS_FILE="$here/var/eulogin-accounts.json" \
    node "$here/tests/oidc/provider.mjs" >"$ready" 2>"$here/var/eulogin-stand-in.log" &
  provider_pid=$!
  trap 'kill "$provider_pid" 2>/dev/null || true' EXIT INT TERM
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    grep -q READY "$ready" 2>/dev/null && break
    sleep 0.25
  done
  if grep -q READY "$ready" 2>/dev/null; then
    export OIDC_ISSUER="http://127.0.0.1:$oidc_port" OIDC_CLIENT_ID=twinhub-demo \
      OIDC_CLIENT_SECRET=twinhub-demo-secret OIDC_PROVIDER_NAME="${OIDC_PROVIDER_NAME:-EU Login}"
    echo "EU Login stand-in (a local test provider, not EU Login): $OIDC_ISSUER — create identities there with"
    echo "the old-platform addresses printed above by the demo."
  else
    echo "The EU Login stand-in did not start (see var/eulogin-stand-in.log): serving without it."
  fi
else
  echo "Node.js or tests/oidc/node_modules missing: serving without the EU Login stand-in."
fi
# Not exec: the trap above stops the provider when the server stops.
env "$@"
