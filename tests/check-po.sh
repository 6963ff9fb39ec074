#!/bin/sh
# A translation passes when msgfmt finds no error and every message is
# translated (no untranslated or fuzzy entries).
set -u
msgfmt=$1
po=$2
stats=$("$msgfmt" --check --statistics -o /dev/null "$po" 2>&1) || { echo "$stats"; exit 1; }
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
exit 0
