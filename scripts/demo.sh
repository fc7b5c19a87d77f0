#!/bin/sh
# The main job on the embedded defaults: set up, copy the sample office to
# build/demo-office (so nothing tracked by git changes) and run it there:
# check the office, then validate it (problems marked in the copy's cells).
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
rm -rf build/demo-office
mkdir -p build/demo-office
cp -R config.toml workbooks templates build/demo-office/
echo "Running crm-office on a copy of the sample office in build/demo-office" >&2
.venv/bin/crm-office --config build/demo-office/config.toml check
exec .venv/bin/crm-office --config build/demo-office/config.toml validate "$@"
