#!/bin/sh
# Install what crm-office needs on a fresh Debian machine with Python >= 3.11:
# Debian packages (LibreOffice for the tests that convert files, PostgreSQL for the
# store's tests), a virtual environment in .venv and the Python packages of
# pyproject.toml.
# Usage: sh scripts/setup.sh [--with-tests] [--with-pdf]
# --with-pdf installs LibreOffice Writer for the PDF copies of documents, and the UNO
# bindings of the system Python (python3-uno) that drive it (--with-tests does too, with
# pdftotext from poppler-utils, which the tests read PDFs with).
set -eu
cd "$(dirname "$0")/.."

want_tests=no
want_pdf=no
for arg in "$@"; do
    [ "$arg" = "--with-tests" ] && want_tests=yes && want_pdf=yes
    [ "$arg" = "--with-pdf" ] && want_pdf=yes
done

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}

. scripts/apt_wait.sh

apt_install() {
    missing=""
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "setup: installing Debian packages:$missing" >&2
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends $missing >/dev/null
}

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: crm-office needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
    exit 2
fi
if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
    apt_install python3-venv
fi
if [ "$want_tests" = yes ] && ! command -v soffice >/dev/null 2>&1; then
    apt_install libreoffice-calc-nogui
fi
if [ "$want_pdf" = yes ]; then
    apt_install libreoffice-writer-nogui python3-uno
fi
if [ "$want_tests" = yes ]; then
    apt_install poppler-utils
fi
if [ "$want_tests" = yes ] && ! command -v initdb >/dev/null 2>&1 \
        && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
fi

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv" >&2
    "$PYTHON" -m venv .venv
fi
extras=""
[ "$want_tests" = yes ] && extras="[test]"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".$extras"
