#!/usr/bin/env bash
# docker compose has no host-side pre-start hook: free the published ports, then start.
set -euo pipefail
freeport 5432,8080 --yes --quiet
exec docker compose up "$@"
