#!/bin/sh
# The main job on the embedded defaults: set up, copy the sample office to
# build/demo-office (so nothing tracked by git changes) and run it there:
# `crm-office run`: check, sync (IDs, merged edits, computed columns, manager views,
# the embedded SQLite store), validate (problems marked in the cells), documents,
# mailings when they exist, reminders and the weekly report (output/).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
rm -rf build/demo-office
mkdir -p build/demo-office
cp -R config.toml workbooks templates build/demo-office/
echo "Running crm-office on a copy of the sample office in build/demo-office" >&2
exec .venv/bin/crm-office --config build/demo-office/config.toml run "$@"
