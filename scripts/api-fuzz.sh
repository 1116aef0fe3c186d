#!/usr/bin/env bash
# Schemathesis over the whole OpenAPI document (issue 12, decision 20): a fresh PostgreSQL database,
# the API served by gunicorn on loopback, two rounds of generated cases — as a teacher and as an NSS —
# each with a personal token; fails on any server error or any response that breaks the document.
# Usage: scripts/api-fuzz.sh [max-examples per operation]   (PGHOST/PGPORT/PGUSER select the server)
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-${API_FUZZ_EXAMPLES:-8}}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
PORT=${API_FUZZ_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
db=${API_FUZZ_DB:-twinhub_fuzz_$$}
work=$(mktemp -d)
logs=${API_FUZZ_LOG_DIR:-$work}
mkdir -p "$logs"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -qc "DROP DATABASE IF EXISTS ${db}" postgres >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -qc "CREATE DATABASE ${db}" postgres
export TWINHUB_DEV=1 TWINHUB_VAR_DIR="$work" DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${db}" \
       EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend API_TOKEN_RATE=1000000/m LOG_LEVEL=ERROR
unset REDIS_URL CELERY_BROKER_URL
twinhub=.venv/bin/twinhub
$twinhub migrate -v0
$twinhub demo >/dev/null
teacher=$($twinhub create-account fuzz.teacher@fuzz.twinhub.test --country TR --region TR-06 --role teacher --token | tail -n1)
nss=$($twinhub create-account fuzz.nss@fuzz.twinhub.test --country TR --role nss --token | tail -n1)
.venv/bin/gunicorn twinhub.wsgi --bind "127.0.0.1:${PORT}" --workers 2 --log-level warning &
server=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORT}/api/v1/openapi.json" -o "$work/openapi.json" && break; sleep 0.2; done
total=0
for who in teacher nss; do
  token=${!who}
  echo "== schemathesis as the ${who}: ${EXAMPLES} examples per operation"
  .venv/bin/schemathesis run "http://127.0.0.1:${PORT}/api/v1/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" --seed 12 --generation-database none --workers 2 --phases "${API_FUZZ_PHASES:-examples,fuzzing}" \
    --header "Authorization: Bearer ${token}" --report ndjson --report-ndjson-path "$logs/${who}.ndjson" \
    | tee "$logs/${who}.log"
  cases=$(grep -o '[0-9]* generated' "$logs/${who}.log" | tail -n1 | grep -o '[0-9]*' || true)  # the summary line
  echo "== ${who}: ${cases:-?} cases"
  total=$(( total + ${cases:-0} ))
done
echo "== schemathesis: ${total} generated cases in all, 0 server errors, 0 schema violations"
