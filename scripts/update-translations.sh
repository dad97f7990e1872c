#!/usr/bin/env bash
# update-translations.sh — refresh the English catalogue of vanthu.
#
# Vietnamese is the source language: every msgid (gettext/gettext_lazy in Python, {% translate %} and
# {% blocktranslate %} in templates, verbose_names, TextChoices labels) is written in Vietnamese, and
# vanthu/locale/en/LC_MESSAGES/django.po holds the English msgstr for each of them. There is no vi catalogue.
#
# What it does, from the vanthu package directory (so that the catalogue lands in vanthu/locale):
#   1. makemessages -l en --no-obsolete, ignoring tests/ and testing/, file-only locations (no line
#      numbers, so that the .po does not change each time someone edits an unrelated line), and the
#      extra keyword _l (the project imports gettext_lazy as _l in forms and views; Django's own
#      makemessages does not know that alias, so a plain `manage.py makemessages` misses those strings).
#      New msgids arrive with an empty msgstr; msgmerge may also mark near-matches #, fuzzy.
#   2. compilemessages -l en → django.mo, which is committed too (a fresh install needs no gettext tools).
#   3. Lists every msgid that still has no translation or is fuzzy; fuzzy and empty entries are NOT in the
#      .mo, so those strings show in Vietnamese to English users. Translate them in the .po (remove the
#      "#, fuzzy" line after checking a guessed translation) and run this script again.
#      vanthu/web/tests/test_i18n.py fails as long as any entry is empty, fuzzy or missing.
#
# Usage:   scripts/update-translations.sh          (from anywhere; uses ./.venv/bin/python if present)
# Needs:   GNU gettext (xgettext, msgmerge, msgfmt, msgattrib): apt-get install -y gettext
# Exit:    0 when the catalogue is complete, 1 when entries still need translating, 2 on errors.
#
# Keep EXTRA_KEYWORDS and the ignore patterns in step with vanthu/web/tests/test_i18n.py.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON="$(command -v python3)"
PO="$ROOT/vanthu/locale/en/LC_MESSAGES/django.po"

for tool in xgettext msgmerge msgfmt msgattrib; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "update-translations: $tool not found; install GNU gettext (apt-get install -y gettext)." >&2
    exit 2
  fi
done

cd "$ROOT/vanthu"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-vanthu.settings}"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

"$PYTHON" - <<'PY'
import django
from django.core.management import call_command
from django.core.management.commands import makemessages

EXTRA_KEYWORDS = ["_l"]  # aliases of gettext_lazy used in the code base


class Command(makemessages.Command):
    xgettext_options = makemessages.Command.xgettext_options + [f"--keyword={k}" for k in EXTRA_KEYWORDS]


django.setup()
call_command(
    Command(),
    locale=["en"],
    no_obsolete=True,
    add_location="file",
    ignore_patterns=["tests/*", "*/tests/*", "testing/*"],
    verbosity=1,
)
call_command("compilemessages", locale=["en"], ignore_patterns=["tests/*", "*/tests/*", "testing/*"])
PY

stats="$(msgfmt --statistics -o /dev/null "$PO" 2>&1)"
echo "update-translations: $(grep -c '^msgid ' "$PO") msgid lines (header included); $stats"
todo="$(msgattrib --no-wrap --only-fuzzy "$PO"; msgattrib --no-wrap --untranslated "$PO")"
if grep -q '^msgid "[^"]' <<<"$todo"; then
  echo "update-translations: these entries need an English translation (empty or fuzzy):" >&2
  grep '^msgid "[^"]' <<<"$todo" | sed 's/^msgid /  /' >&2
  exit 1
fi
