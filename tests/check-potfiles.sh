#!/bin/sh
# Every source file with translatable strings is listed in po/POTFILES.in,
# and every listed file exists.
set -u
top=$1
cd "$top" || exit 1
found=$(grep -rlE '(^|[^A-Za-z0-9_])(_|N_|D_|DN_|ngettext|C_|NC_) ?\(|translatable="yes"|<(summary|description)>' \
          src data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | \
        grep -v 'gresource.xml' | sort)
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
status=0
for f in $found; do
  echo "$listed" | grep -qx "$f" || { echo "missing from po/POTFILES.in: $f"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but absent: $f"; status=1; }
done
[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(echo "$found" | wc -l) files with translatable strings"
exit $status
