#!/bin/sh
# Generates the hostile corpus from the bundled briefing, then runs
# Trilateral on every file of it (TAP on stdout).
set -eu
python=$1
here=$(dirname "$0")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$python" "$here/make-bad-corpus.py" "$TRI_BRIEFING_DB" "$dir" >&2
"$python" "$here/check-corpus.py" "$dir"
