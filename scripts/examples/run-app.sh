#!/usr/bin/env bash
# The generic form: free the port, then replace this shell with the app.
set -euo pipefail
freeport "${PORT:-8080}" --yes --quiet
exec "$@"
