#!/bin/sh
# A translation passes when msgfmt finds no error and, against the strings
# the sources hold now (xgettext), nothing is untranslated or fuzzy.
set -u
top=$1
po=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top" || exit 1
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --keyword=D_:2 --keyword=DN_:2,3 -o "$tmp/trilateral.pot" || exit 1
msgmerge --quiet "$po" "$tmp/trilateral.pot" -o "$tmp/merged.po" || exit 1
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1) || { echo "$stats"; exit 1; }
echo "$po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --only-fuzzy --no-wrap "$tmp/merged.po" 2>/dev/null | grep '^msgid' | head -20
    msgattrib --untranslated --no-wrap "$tmp/merged.po" | grep '^msgid' | tail -n +2 | head -40
    exit 1 ;;
esac
exit 0
