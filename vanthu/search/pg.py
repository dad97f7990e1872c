"""The PostgreSQL search backend (``VANTHU_SEARCH_BACKEND=postgres``), for web nodes on several machines.

One table, ``search_entry`` (created by migration 0002 on PostgreSQL only): each item's title and text, its
viewers (``integer[]``, GIN), day, type, urgency and stamp, and three ``tsvector`` columns:

- ``folded``: ``to_tsvector('simple', unaccent(words))`` of the title and the whole text, plus one lexeme
  ``_v<id>`` per viewer (GIN): "giai phong mat bang" finds "giải phóng mặt bằng", đ folds to d (unaccent's
  rules), and the permission is one more term of the same GIN lookup (a user's query cannot produce ``_``);
- ``head`` (folded) and ``head_exact`` (not folded): the title and the first ``HEAD_CHARS`` of the text, small
  enough to stay in the row, used only to rank (``ts_rank`` reads every match: ranking on the whole text read
  each match's TOASTed vector), the exact one so that exact-diacritic matches rank first.

``words`` is the text in NFC, lower-cased in Python (the database's C locale would not lower-case Đ), every
character that is not a letter or digit turned into a space: a notation ``45/UBND-TH`` becomes ``45 ubnd th``, and
the query is normalised the same way, so "45/ubnd-th" and "45 UBND TH" find it.

The user's query is parsed here into a ``tsquery``: AND by default, "phrases" (``<->``), OR, -minus, and the last
word as itself or a prefix lexeme (``PREFIX_MARK``) when the query has no operator. Permission is inside the query
(``folded @@ (query && '_v<user>')``), facet counts too. Snippets are built in Python from the stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.html import escape

from vanthu.common.text import fold

from .engine import KINDS, PREFIX_MAX, STATUSES, Filters, Found, Hit, Item, clean, prefixes, sender_key

TABLE = "search_entry"
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'-?"[^"]*"?|\(|\)|[^\s()]+')
_SNIPPET_CHARS = 240
HEAD_CHARS = 200

#: DDL run by migration 0002 on PostgreSQL (``unaccent`` is a trusted extension: the database owner may create it)
DDL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        key text PRIMARY KEY,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        viewers integer[] NOT NULL,
        day integer NOT NULL DEFAULT 0,
        doc_type text NOT NULL DEFAULT '',
        urgent boolean NOT NULL DEFAULT false,
        stamp text NOT NULL DEFAULT '',
        done boolean NOT NULL DEFAULT false,
        due integer NOT NULL DEFAULT 0,
        register integer NOT NULL DEFAULT 0,
        units integer[] NOT NULL DEFAULT '{{}}',
        sender text NOT NULL DEFAULT '',
        folded tsvector NOT NULL,
        head tsvector NOT NULL,
        head_exact tsvector NOT NULL
    )""",
    # the ranking vectors stay in the row (compressed if need be), the big ones go out of it first
    f"ALTER TABLE {TABLE} ALTER COLUMN head SET STORAGE MAIN, ALTER COLUMN head_exact SET STORAGE MAIN,"
    " ALTER COLUMN folded SET STORAGE EXTERNAL",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_folded ON {TABLE} USING gin (folded)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_viewers ON {TABLE} USING gin (viewers)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_day ON {TABLE} (day)",
]
DROP = [f"DROP TABLE IF EXISTS {TABLE}"]
#: run by migration 0004: the filter columns (register, units, issuing agency) on a table made before them
ADD_FILTERS = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS register integer NOT NULL DEFAULT 0,"
    " ADD COLUMN IF NOT EXISTS units integer[] NOT NULL DEFAULT '{}',"
    " ADD COLUMN IF NOT EXISTS sender text NOT NULL DEFAULT ''"
]


def count_limit() -> int:
    """How many matches a search reads at most (``VANTHU_SEARCH_COUNT_LIMIT``)."""
    from django.conf import settings

    return int(getattr(settings, "VANTHU_SEARCH_COUNT_LIMIT", 5000))


def words(text: str) -> str:
    """NFC, lower-cased, letters and digits only (every other character a space)."""
    return " ".join(_WORD.findall(clean(text).lower()))


@dataclass
class ParsedQuery:
    folded: str  # tsquery text, before unaccent
    exact: str  # tsquery text ranking exact matches: any positive word, as typed
    terms: list[str]  # folded positive words (for the snippets)
    prefix: str  # folded last word matched as a prefix ("" when none)


def _lexemes(token: str) -> list[str]:
    return _WORD.findall(token.lower())


#: marks the prefix lexemes in ``folded`` ("0pban": some word of the item begins with "ban"); a digit then letters
#: is one word for the parser, and no Vietnamese word looks like it
PREFIX_MARK = "0p"


def _phrase(lexemes: list[str], prefix: bool = False) -> str:
    """Lexemes in a row; with ``prefix`` the last one is the word being typed: itself or a word it begins (one
    prefix lexeme, no ``:*``: a prefix scan of the GIN index sets every match to be rechecked, which reads each
    match's whole vector)."""
    parts = [f"'{lx}'" for lx in lexemes]
    if prefix:
        folded = fold(lexemes[-1])
        # a prefix longer than those indexed (a number, a code): a prefix scan, rare and on few words
        begun = f"'{PREFIX_MARK}{folded}'" if len(folded) <= PREFIX_MAX else f"'{lexemes[-1]}':*"
        typed = f"('{lexemes[-1]}' | {begun})"
        head = _phrase(lexemes[:-1]) if len(lexemes) > 1 else ""
        return f"({head} & {typed})" if head else typed
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def parse(text: str) -> ParsedQuery | None:
    """The user's query as a tsquery: AND by default, "phrases", OR, -minus, the last word as a prefix when the
    query has no operator. None when nothing positive is left to search."""
    text = clean(text).strip()
    if not text:
        return None
    raw = _TOKEN.findall(text)  # operators are upper-case, as in Tantivy's parser ("or" is a word)
    plain = not any(t.startswith(("-", '"')) or t in {"(", ")", "OR", "AND", "NOT"} for t in raw)
    # groups of alternatives joined by AND; each alternative a (negated, lexemes) pair
    groups: list[list[tuple[bool, list[str]]]] = []
    join_or, negate_next = False, False
    positive: list[list[str]] = []
    for token in raw:
        if token in {"(", ")", "AND"}:
            continue
        if token == "OR" and groups:
            join_or = True
            continue
        if token == "NOT":
            negate_next = True
            continue
        negated = negate_next or (token.startswith("-") and len(token) > 1)
        negate_next = False
        lexemes = _lexemes(token)
        if not lexemes:
            join_or = False
            continue
        if join_or and not negated:
            groups[-1].append((False, lexemes))
        else:
            groups.append([(negated, lexemes)])
        join_or = False
        if not negated:
            positive.append(lexemes)
    if not positive:
        return None
    prefix = ""
    if plain and len(fold(positive[-1][-1])) >= 2:
        prefix = fold(positive[-1][-1])
    last = positive[-1]
    clauses = []
    for group in groups:
        alts = []
        for negated, lexemes in group:
            expr = _phrase(lexemes, prefix=bool(prefix) and lexemes is last)
            alts.append(f"!{expr}" if negated else expr)
        clauses.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
    exact = " | ".join(f"'{lx}'" for lexemes in positive for lx in lexemes)
    terms = [fold(lx) for lexemes in positive for lx in lexemes]
    return ParsedQuery(" & ".join(clauses), exact, terms, prefix)


def snippet(text: str, terms: Sequence[str], prefix: str = "") -> str:
    """The part of ``text`` around the first matching word, HTML-escaped, matching words in <b>."""
    wanted = set(terms)

    def hit(word: str) -> bool:
        folded = fold(word)
        return folded in wanted or (bool(prefix) and folded.startswith(prefix))

    matches = [m for m in _WORD.finditer(text) if hit(m.group())]
    if not matches:
        return ""
    start = max(0, matches[0].start() - 40)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < matches[0].start() else start
    end = min(len(text), start + _SNIPPET_CHARS)
    out, pos = [], start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        out.append(escape(text[pos : m.start()]))
        out.append(f"<b>{escape(m.group())}</b>")
        pos = m.end()
    out.append(escape(text[pos:end]))
    return "".join(out)


class PostgresIndex:
    """The search table in the project's PostgreSQL database, behind the same interface as ``SearchIndex``."""

    def index(self, items: Iterable[Item]) -> int:
        return self.write(items)

    def delete(self, keys: Iterable[str]) -> int:
        return self.write([], delete=keys)

    def write(self, items: Iterable[Item], delete: Iterable[str] = ()) -> int:
        """Replace the items (by key) and delete the keys in ``delete``, in one transaction."""
        rows = []
        for item in items:
            title, text = clean(item.title), clean(item.text)
            rows.append(
                (
                    item.key,
                    item.kind,
                    title,
                    text,
                    sorted({int(v) for v in item.viewers}),
                    int(item.day),
                    item.doc_type,
                    bool(item.urgent),
                    item.stamp,
                    bool(item.done),
                    int(item.due),
                    int(item.register),
                    sorted({int(u) for u in item.units}),
                    sender_key(item.sender),
                    words(title),
                    words(text),
                    [f"_v{v}" for v in sorted({int(v) for v in item.viewers})]
                    + [PREFIX_MARK + p for p in prefixes(f"{title}\n{text}").split()],
                    words(title),
                    words(text[:HEAD_CHARS]),
                    f"{words(title)} {words(text[:HEAD_CHARS])}",
                )
            )
        gone = list(dict.fromkeys(delete))
        with transaction.atomic(), connection.cursor() as cursor:
            if gone:
                cursor.execute(f"DELETE FROM {TABLE} WHERE key = ANY(%s)", [gone])
            if rows:
                cursor.executemany(
                    f"""INSERT INTO {TABLE}
                        (key, kind, title, body, viewers, day, doc_type, urgent, stamp, done, due, register, units,
                         sender, folded, head, head_exact)
                    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
                        to_tsvector('simple', unaccent(%s)) || to_tsvector('simple', unaccent(%s))
                            || array_to_tsvector(%s::text[]),
                        setweight(to_tsvector('simple', unaccent(%s)), 'A')
                            || to_tsvector('simple', unaccent(%s)),
                        to_tsvector('simple', %s))
                    ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title,
                        body = EXCLUDED.body, viewers = EXCLUDED.viewers, day = EXCLUDED.day,
                        doc_type = EXCLUDED.doc_type, urgent = EXCLUDED.urgent, stamp = EXCLUDED.stamp,
                        done = EXCLUDED.done, due = EXCLUDED.due, register = EXCLUDED.register,
                        units = EXCLUDED.units, sender = EXCLUDED.sender,
                        folded = EXCLUDED.folded, head = EXCLUDED.head,
                        head_exact = EXCLUDED.head_exact""",
                    rows,
                )
        return len(rows)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def stamps(self) -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, stamp FROM {TABLE}")
            return dict(cursor.fetchall())

    def keys_for_viewer(self, viewer: int) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key FROM {TABLE} WHERE viewers @> ARRAY[%s]::integer[]", [int(viewer)])
            return {row[0] for row in cursor.fetchall()}

    def search(
        self,
        text: str,
        viewer: int,
        *,
        kinds: Sequence[str] = (),
        limit: int = 20,
        offset: int = 0,
        by_date: bool = False,
        filters: Filters | None = None,
    ) -> Found:
        parsed = parse(text)
        if parsed is None:
            return Found(0)
        where = ["e.folded @@ (q.f && %s::tsquery)"]  # the query AND the viewer's token: one GIN lookup
        params: list = [f"'_v{int(viewer)}'"]
        if filters:
            if filters.doc_type:
                where.append("e.doc_type = %s")
                params.append(filters.doc_type)
            if filters.day_from is not None:
                where.append("e.day >= %s")
                params.append(filters.day_from)
            if filters.day_to is not None:
                where.append("e.day <= %s")
                params.append(filters.day_to)
            if filters.urgent:
                where.append("e.urgent")
            if filters.status in STATUSES:
                where.append("e.done" if filters.status == "done" else "NOT e.done")
            if filters.status == "overdue":
                where.append("e.due BETWEEN 1 AND %s")
                params.append(filters.today - 1)
            if filters.register:
                where.append("e.register = %s")
                params.append(int(filters.register))
            if filters.unit:
                where.append("e.units @> ARRAY[%s]::integer[]")
                params.append(int(filters.unit))
            if sender_key(filters.sender):
                where.append("e.sender = %s")
                params.append(sender_key(filters.sender))
        # one pass over the matches: the page ranked, and the counts per kind over every match as window
        # aggregates (a second query only when the page is empty: past the end, or a kind without matches). At most
        # ``cap`` + 1 matches are read: a query matching more (one common word) is answered newest first, by the
        # index on the day, its total given as "more than ``cap``" — ranking or counting every one of 90,000
        # matches reads 90,000 rows (more than a second at 1M items).
        cap = count_limit()
        query = (
            "WITH q AS (SELECT to_tsquery('simple', unaccent(%s)) AS f, to_tsquery('simple', %s) AS x) "
            f"SELECT {{columns}} FROM {TABLE} e, q WHERE " + " AND ".join(where)
        )
        head = [parsed.folded, parsed.exact]
        score = "ts_rank(e.head, q.f) + 2 * ts_rank(e.head_exact, q.x)"
        counts = ", ".join(
            f"count(*) FILTER (WHERE m.kind = '{k}') OVER () AS n{i}" for i, k in enumerate(KINDS)
        )
        order = ("{0}day DESC, {0}key" if by_date else "{0}score DESC, {0}key").format
        n = ", ".join(f"p.n{i}" for i in range(len(KINDS)))
        # the matches carry only what ranks and counts them; title and body are read for the page's rows only
        page = (
            f"SELECT p.key, p.kind, s.title, s.body, p.score, {n} FROM (SELECT * FROM (SELECT m.*, {counts} FROM ("
            # OFFSET 0: the rank is computed here, so that the window keeps narrow rows (not the vectors)
            + query.format(columns=f"e.key, e.kind, e.day, {score} AS score")
            + f" LIMIT {cap + 1} OFFSET 0) m) w"
            + (" WHERE kind = ANY(%s)" if kinds else "")
            + f" ORDER BY {order('')} LIMIT %s OFFSET %s) p JOIN {TABLE} s ON s.key = p.key ORDER BY {order('p.')}"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # an exact bitmap of the matches: a lossy one rechecks every row of its pages from the whole vector
            cursor.execute("SET LOCAL work_mem = '64MB'")
            # the plans are cheap to run but estimated costly (every match ranked): compiling them cost more
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(page, [*head, *params, *([list(kinds)] if kinds else []), int(limit), int(offset)])
            rows = cursor.fetchall()
            if rows:
                facets = dict(zip(KINDS, (int(n) for n in rows[0][5:]), strict=True))
            else:
                cursor.execute(
                    f"SELECT kind, count(*) FROM ({query.format(columns='e.kind')} LIMIT {cap + 1}) m GROUP BY kind",
                    head + params,
                )
                facets = dict.fromkeys(KINDS, 0)
                facets.update({kind: int(n) for kind, n in cursor.fetchall()})
            if sum(facets.values()) > cap:
                return self._newest(cursor, parsed, query, head, params, kinds, limit, offset, cap)
        total = sum(facets.get(k, 0) for k in kinds) if kinds else sum(facets.values())
        hits = [
            Hit(key, kind, title, snippet(body, parsed.terms, parsed.prefix), float(score))
            for key, kind, title, body, score, *_counts in rows
        ]
        return Found(total, hits, facets)

    def _newest(self, cursor, parsed, query, head, params, kinds, limit, offset, cap) -> Found:
        """A query with more than ``cap`` matches: the newest first (the index on the day, each row tested until the
        page is full), the total "more than ``cap``", no counts per kind."""
        cursor.execute(
            query.format(columns="e.key, e.kind, e.title, e.body")
            + (" AND e.kind = ANY(%s)" if kinds else "")
            + " ORDER BY e.day DESC, e.key LIMIT %s OFFSET %s",
            [*head, *params, *([list(kinds)] if kinds else []), int(limit), int(offset)],
        )
        hits = [
            Hit(key, kind, title, snippet(body, parsed.terms, parsed.prefix), 0.0)
            for key, kind, title, body in cursor.fetchall()
        ]
        return Found(cap, hits, {}, capped=True)
