"""The English interface: a person who picks English sees English pages, and the English catalogue is complete.

Vietnamese is the source language (every msgid is Vietnamese); vanthu/locale/en/LC_MESSAGES/django.po holds
the English of each msgid and django.mo, compiled from it, is committed. scripts/update-translations.sh
refreshes both. When a test here fails because of a new or changed string, run that script, translate the
listed entries in the .po, run it again and commit the .po and the .mo.
"""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.commands import makemessages
from django.urls import reverse
from django.utils import timezone

from vanthu.testing.factories import register_incoming

PACKAGE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = PACKAGE_DIR / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# Keep in step with scripts/update-translations.sh.
EXTRA_KEYWORDS = ["_l"]
IGNORE_PATTERNS = ["tests/*", "*/tests/*", "testing/*"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")

VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
# Entries whose English is, rightly, the same text as the Vietnamese msgid.
SAME_IN_ENGLISH = {"Tiếng Việt"}  # the language menu names each language in that language


# --- a tiny .po reader (no polib: no new dependency) --------------------------------------------------------


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse_po(text: str) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (dict index → text), flags, obsolete, line."""
    entries: list[dict] = []
    entry: dict | None = None
    field: tuple[str, int | None] | None = None

    def new(lineno: int) -> dict:
        fields = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}}
        return fields | {"flags": set(), "obsolete": False, "line": lineno}

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            entry, field = None, None
            continue
        if entry is None:
            entry = new(lineno)
            entries.append(entry)
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line):
            keyword, index, value = match.groups()
            if keyword == "msgid" and entry["msgid"] is not None:  # entries not separated by a blank line
                entry = new(lineno)
                entries.append(entry)
            if keyword == "msgstr":
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = _unquote(value)
            else:
                field = (keyword, None)
                entry[keyword] = _unquote(value)
        elif line.startswith('"') and field is not None:
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field[0]] += _unquote(line)
        else:
            raise AssertionError(f"{PO_FILE}:{lineno}: cannot read {raw!r}")
    return [e for e in entries if e["msgid"] is not None]


def _key(entry: dict) -> tuple[str | None, str]:
    return entry["msgctxt"], entry["msgid"]


def _show(entry: dict) -> str:
    context = f"[{entry['msgctxt']}] " if entry["msgctxt"] else ""
    return f"  line {entry['line']}: {context}{entry['msgid']!r}"


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    return [e for e in entries if not e["obsolete"]]


# --- the catalogue --------------------------------------------------------------------------------------------


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    header = [e for e in catalogue if e["msgid"] == ""]
    assert len(header) == 1 and "fuzzy" not in header[0]["flags"], "the .po header must not be fuzzy"
    assert "Language: en\n" in header[0]["msgstr"][0]
    entries = [e for e in catalogue if e["msgid"] != ""]
    assert len(entries) > 300
    empty = [e for e in entries if not e["msgstr"] or any(not s.strip() for s in e["msgstr"].values())]
    fuzzy = [e for e in entries if "fuzzy" in e["flags"]]
    plural = [e for e in entries if e["msgid_plural"] is not None and sorted(e["msgstr"]) != [0, 1]]
    copied = [
        e
        for e in entries
        if e["msgstr"].get(0) == e["msgid"]
        and VIETNAMESE_LETTERS.search(e["msgid"])
        and e["msgid"] not in SAME_IN_ENGLISH
    ]
    problems = [
        ("without an English translation", empty),
        ("marked fuzzy (check the guess, then delete the '#, fuzzy' line)", fuzzy),
        ("with a plural msgid but not exactly msgstr[0] and msgstr[1]", plural),
        ("whose msgstr is still the Vietnamese msgid", copied),
    ]
    report = [
        f"{len(found)} entries {what}:\n" + "\n".join(map(_show, found)) for what, found in problems if found
    ]
    assert not report, f"{PO_FILE}:\n" + "\n\n".join(report)


def test_translations_keep_the_placeholders(catalogue):
    wrong = []
    for e in catalogue:
        if e["msgid"] == "":
            continue
        for index, text in e["msgstr"].items():
            source = e["msgid_plural"] if index > 0 and e["msgid_plural"] is not None else e["msgid"]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append(f"{_show(e)} → msgstr[{index}] {text!r}")
    assert not wrong, "placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_compiled_catalogue_matches_the_po(catalogue):
    """django.mo is committed: it must be compiled from the current django.po (scripts/update-translations.sh)."""
    assert MO_FILE.exists(), f"{MO_FILE} is missing: run scripts/update-translations.sh"
    with MO_FILE.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    stale = []
    for e in catalogue:
        if e["msgid"] == "" or "fuzzy" in e["flags"]:
            continue
        if e["msgid_plural"] is not None:
            got = {i: compiled.ngettext(e["msgid"], e["msgid_plural"], i + 1) for i in (0, 1)}
            want = {i: e["msgstr"].get(i) for i in (0, 1)}
        elif e["msgctxt"] is not None:
            got, want = compiled.pgettext(e["msgctxt"], e["msgid"]), e["msgstr"].get(0)
        else:
            got, want = compiled.gettext(e["msgid"]), e["msgstr"].get(0)
        if got != want:
            stale.append(_show(e))
    hint = f"{MO_FILE} is older than the .po; run scripts/update-translations.sh:\n"
    assert not stale, hint + "\n".join(stale)


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in GETTEXT_TOOLS),
    reason="GNU gettext (xgettext, msgmerge…) is not installed: apt-get install -y gettext",
)
def test_catalogue_has_every_string_of_the_code(catalogue, tmp_path, monkeypatch, settings):
    """Extract afresh, like scripts/update-translations.sh, from a copy of the package (so that neither the
    committed .po nor the source tree is touched) and compare the msgids with the committed catalogue."""

    class Extract(makemessages.Command):
        xgettext_options = makemessages.Command.xgettext_options + [f"--keyword={k}" for k in EXTRA_KEYWORDS]

    copy = tmp_path / "vanthu"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc"))
    settings.LOCALE_PATHS = [str(copy / "locale")]
    monkeypatch.chdir(copy)
    call_command(
        Extract(),
        locale=["en"],
        no_obsolete=True,
        ignore_patterns=list(IGNORE_PATTERNS),
        stdout=StringIO(),
        verbosity=0,
    )
    fresh = parse_po((copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    fresh_keys = {_key(e) for e in fresh if e["msgid"]}
    committed = {_key(e) for e in catalogue if e["msgid"]}
    assert len(fresh_keys) > 300, "the extraction found too few strings; is the copy complete?"
    missing = sorted(fresh_keys - committed, key=lambda k: (k[0] or "", k[1]))
    assert not missing, (
        f"{len(missing)} strings of the code are not in {PO_FILE}; run scripts/update-translations.sh, "
        "translate them and commit the .po and .mo:\n"
        + "\n".join(f"  {f'[{ctx}] ' if ctx else ''}{msgid!r}" for ctx, msgid in missing)
    )
    plural_changed = sorted(
        e["msgid"]
        for e in fresh
        if e["msgid"]
        and any(_key(e) == _key(c) and e["msgid_plural"] != c["msgid_plural"] for c in catalogue)
    )
    assert not plural_changed, f"plural forms changed, run scripts/update-translations.sh: {plural_changed}"


# --- the pages ------------------------------------------------------------------------------------------------


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _assert_english(html: str, present: list[str], absent: list[str]) -> None:
    assert 'lang="en"' in html
    missing = [label for label in present if label not in html]
    vietnamese = [label for label in absent if label in html]
    assert not missing, f"English labels missing: {missing}"
    assert not vietnamese, f"Vietnamese labels still shown: {vietnamese}"


# Labels of the header, on every page.
HEADER_EN = ["Documents awaiting action", "Incoming documents", "Notifications", "Log out"]
HEADER_VI = ["Văn bản chờ xử lý", "Đăng xuất", "Tìm số, ký hiệu, trích yếu"]


@pytest.mark.django_db
def test_vietnamese_is_the_default(client, people, register):
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    for url in (reverse("incoming:inbox"), reverse("incoming:list"), doc.get_absolute_url()):
        response = client.get(url)
        html = response.content.decode()
        assert response["Content-Language"] == "vi"
        assert '<html lang="vi">' in html
        assert "Văn bản chờ xử lý" in html and "Đăng xuất" in html
        assert "Documents awaiting action" not in html and "Log out" not in html
    html = _page(client, doc.get_absolute_url())
    assert "Thông tin văn bản" in html and "Quá trình xử lý" in html and "Document details" not in html


@pytest.mark.django_db
def test_a_person_who_switches_to_english_sees_english_pages(client, people, register):
    clerk = people["clerk"]
    doc = register_incoming(clerk, register)
    client.force_login(clerk)
    assert "Văn bản chờ xử lý" in _page(client, reverse("incoming:inbox"))

    # the language menu of the header posts to /ngon-ngu/ (Django's set_language)
    response = client.post("/ngon-ngu/", {"language": "en", "next": reverse("incoming:list")})
    assert response.status_code == 302 and response["Location"] == reverse("incoming:list")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    # inbox
    html = _page(client, reverse("incoming:inbox"))
    _assert_english(
        html,
        HEADER_EN
        + ["Awaiting submission or forwarding", "Within deadline", "Due soon", "Overdue", "Abstract"],
        HEADER_VI + ["Chờ trình, chuyển xử lý", "Trong hạn", "Sắp đến hạn", "Quá hạn", "Trích yếu"],
    )
    assert doc.abstract in html  # the content of a document stays as it was written

    # list
    html = _page(client, reverse("incoming:list"))
    _assert_english(
        html,
        HEADER_EN
        + ["Incoming no.", "Number and symbol", "Issuing agency", "All statuses", "All document types"]
        + ["Registered, awaiting submission", "1 document", "Filter", "Register incoming document"],
        HEADER_VI + ["Số đến", "Cơ quan ban hành", "Mọi trạng thái", "Đã vào sổ, chờ trình", "Lọc"],
    )
    assert doc.sender_name in html and doc.abstract in html

    # detail, with the actions of the clerk and the processing history
    html = _page(client, doc.get_absolute_url())
    _assert_english(
        html,
        HEADER_EN
        + [f"Incoming document no. {doc.number}", "Back to list", "Document details", "Processing history"]
        + ["Actions", "Submit to leader", "Forward for handling", "Urgency / Confidentiality", "Normal"],
        HEADER_VI
        + ["Quay lại danh sách", "Thông tin văn bản", "Quá trình xử lý", "Trình lãnh đạo", "Thường"],
    )

    # registration form: labels, help texts and choices
    html = _page(client, reverse("incoming:create"))
    _assert_english(
        html,
        HEADER_EN
        + ["Register incoming document", "Date received", "Received via", "Issuing agency", "Abstract"]
        + ["Urgency", "Confidentiality", "Paper", "Very urgent", "Top secret", "next incoming no."]
        + ["Register and add another", "Cancel", "Choose from the directory or type the agency name"],
        HEADER_VI
        + ["Vào sổ văn bản đến", "Ngày đến", "Hình thức nhận", "Cơ quan ban hành", "Trích yếu", "Độ khẩn"]
        + ["Bản giấy", "Thượng khẩn", "Tối mật", "số đến tiếp theo", "Vào sổ và nhập tiếp", "Hủy"],
    )
    assert f"{register.name}: next incoming no. 2" in html  # the register's own name is data


@pytest.mark.django_db
def test_english_messages_and_errors(client, people, register):
    """Flash messages and form errors of the services are translated too."""
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the cookie alone is enough
    response = client.post(
        reverse("incoming:action", args=[doc.pk, "present"]),
        {"leader": people["chairman"].pk, "note": ""},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Document submitted to {people['chairman'].display_name}." in html
    assert "Đã trình văn bản" not in html

    # a registration refused by the form: the page says why, in English
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("incoming:create"),
        {
            "register": register.pk,
            "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "channel": "paper",
            "sender_name": "Sở Tài chính tỉnh Hà Tĩnh",
            "code": "45/STC-NS",
            "document_date": tomorrow,
            "abstract": "Về việc bố trí kinh phí",
            "urgency": 0,
            "confidentiality": 0,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    assert "The document has not been registered: please correct the fields marked below." in html
    assert "The document date cannot be later than today." in html
    assert "Ngày văn bản không được sau ngày hôm nay." not in html


@pytest.mark.django_db
def test_switching_back_to_vietnamese(client, people, register):
    client.force_login(people["clerk"])
    client.post("/ngon-ngu/", {"language": "en", "next": "/"})
    assert "Documents awaiting action" in _page(client, reverse("incoming:inbox"))
    # the menu names each language in that language, whichever is active
    html = _page(client, reverse("incoming:inbox"))
    assert ">Tiếng Việt</option>" in html and ">English</option>" in html
    client.post("/ngon-ngu/", {"language": "vi", "next": "/"})
    html = _page(client, reverse("incoming:inbox"))
    assert (
        '<html lang="vi">' in html and "Văn bản chờ xử lý" in html and "Documents awaiting action" not in html
    )


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese_by_default(client, people):
    client.force_login(people["clerk"])
    html = client.get("/van-ban-den/cho-xu-ly/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Văn bản chờ xử lý" in html
