#!/bin/sh
# Set up everything the tests need (LibreOffice, .venv, test packages), then
# lint, type-check and run the whole test suite.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh --with-tests
echo "== ruff" >&2
.venv/bin/ruff check .
echo "== mypy" >&2
.venv/bin/mypy
echo "== pytest" >&2
exec .venv/bin/python -m pytest "$@"
