"""The Tantivy index (the embedded default): schema, Vietnamese analyzers, writing under a file lock, queries.

Text is indexed twice: ``text`` (title and text) through ``simple → remove_long → lowercase → ascii_fold`` (every
Vietnamese letter folds, đ included: "giai phong mat bang" finds "giải phóng mặt bằng"), and ``exact`` without the
fold. What must match is the query on ``text`` alone; the words typed with diacritics, as typed, on ``exact`` are an
optional clause that only ranks (so that a query typed with diacritics ranks exact matches first: "bán" before
"bàn"), read for the matches alone: matching on several fields at once cost three times the floor, and so did
exact clauses for words without marks (numbers, "ubnd"), which are the same folded or not. Custom tokenizers
are not persisted by Tantivy: they are registered every time the index is opened. Everything is NFC first.

The word being typed (the last word of a query without operators) also matches as a prefix, through ``prefix``:
every proper prefix (2 to ``PREFIX_MAX`` letters) of every folded word of the item, indexed without frequencies or
positions, so a prefix is one term ("ban" → the items with "bàn", "bản", "bằng", "banh"…), not the union of every
word that starts with it (a regex over the term dictionary cost more than the rest of the query put together).

Notations need nothing of their own: the simple tokenizer splits ``45/UBND-TH`` into 45, ubnd, th, and a query
"45 ubnd th" or "45/ubnd-th" is the same three terms.

Permission is inside the query: every item carries the ids of the users who may see it (``viewers``); a search
is ``Must(user's query) AND Must(viewers = user)``, so hidden items give neither a hit nor a count.
"""

from __future__ import annotations

import fcntl
import re
import shutil
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from tantivy import Filter, Occur, Query, SchemaBuilder, TextAnalyzerBuilder, Tokenizer

from vanthu.common.text import fix_lookalikes, fold, nfc

FOLD, EXACT = "vn_fold", "vn_exact"
#: counts facets while the page is found (see ``SearchIndex.search``)
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="vanthu-search")
_OPERATORS = re.compile(r'["()+\-:*^~]|\b(?:AND|OR|NOT)\b')


def _schema() -> tantivy.Schema:
    sb = SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw")  # "incoming:12"
    sb.add_text_field("kind", stored=True, fast=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name=FOLD)
    sb.add_text_field("text", stored=True, tokenizer_name=FOLD)
    sb.add_text_field("exact", stored=False, tokenizer_name=EXACT)
    sb.add_integer_field("viewers", stored=False, indexed=True, fast=True)
    sb.add_integer_field("day", stored=True, indexed=True, fast=True)  # yyyymmdd, for sorting by date
    sb.add_text_field(
        "doc_type", stored=True, tokenizer_name="raw"
    )  # document type code ("cong-van"), "" for tasks
    sb.add_integer_field(
        "urgent", stored=False, indexed=True
    )  # 1: khẩn, thượng khẩn, hỏa tốc (or a task's priority)
    sb.add_text_field("stamp", stored=True, tokenizer_name="raw")  # version of the source row (drift check)
    sb.add_integer_field(
        "done", stored=False, indexed=True
    )  # 1: completed, issued, cancelled (status filter)
    sb.add_integer_field(
        "due", stored=False, indexed=True
    )  # deadline yyyymmdd, 0 none (overdue: open, due < today)
    sb.add_integer_field("register", stored=False, indexed=True)  # the register's id, 0 none (tasks)
    sb.add_integer_field(
        "units", stored=False, indexed=True
    )  # units handling it (assigned, drafting, leading)
    sb.add_text_field(
        "sender", stored=False, tokenizer_name="raw"
    )  # issuing agency, ``sender_key`` of its name
    # every proper prefix of every word (see ``prefixes``), documents only: no frequencies, no positions
    sb.add_text_field("prefix", stored=False, tokenizer_name=FOLD, index_option="basic")
    return sb.build()


SCHEMA = _schema()
#: bumped when the schema changes: an index of another version is rebuilt empty (then ``reindex``)
SCHEMA_VERSION = "7"
KINDS = ("incoming", "outgoing", "task")
STATUSES = ("open", "done", "overdue")


def _register(index: tantivy.Index) -> None:
    def analyzer(*filters):
        builder = (
            TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())
        )
        for f in filters:
            builder = builder.filter(f)
        return builder.build()

    index.register_tokenizer(FOLD, analyzer(Filter.ascii_fold()))
    index.register_tokenizer(EXACT, analyzer())


def clean(text: str) -> str:
    """NFC, with the eth look-alikes of đ/Đ replaced (the form indexed and queried)."""
    return fix_lookalikes(nfc(text or ""))


#: the longest prefix indexed: a longer unfinished word is looked up by its first PREFIX_MAX letters
PREFIX_MAX = 8
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The folded words of ``text`` as the indexes cut them (letters and digits)."""
    return _TOKEN.findall(fold(clean(text)))


def prefixes(text: str) -> str:
    """Every proper prefix of 2 to PREFIX_MAX letters of every word of ``text``, folded, space-separated."""
    out = set()
    for word in set(tokens(text)):
        for i in range(2, min(len(word), PREFIX_MAX + 1)):
            out.add(word[:i])
    return " ".join(sorted(out))


def sender_key(name: str) -> str:
    """An issuing agency's name as filtered on: folded, lower-cased, single spaces ("Sở Tài chính" and
    "SỞ TÀI CHÍNH " are the same agency)."""
    return " ".join(fold(clean(name)).lower().split())


@dataclass
class Item:
    """One searchable thing: an incoming or outgoing document, a draft, a task."""

    key: str
    kind: str
    title: str
    text: str
    viewers: Sequence[int]
    day: int = 0
    stamp: str = ""
    doc_type: str = ""
    urgent: bool = False
    done: bool = False
    due: int = 0
    register: int = 0
    units: Sequence[int] = ()
    sender: str = ""

    def document(self) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("key", self.key)
        doc.add_text("kind", self.kind)
        doc.add_text("title", clean(self.title))
        doc.add_text("text", clean(f"{self.title}\n{self.text}"))  # what must match: the title too
        doc.add_text("exact", clean(f"{self.title}\n{self.text}"))
        doc.add_text("prefix", prefixes(f"{self.title}\n{self.text}"))
        for viewer in self.viewers:
            doc.add_integer("viewers", int(viewer))
        doc.add_integer("day", int(self.day))
        doc.add_text("doc_type", self.doc_type)
        doc.add_integer("urgent", 1 if self.urgent else 0)
        doc.add_text("stamp", self.stamp)
        doc.add_integer("done", 1 if self.done else 0)
        doc.add_integer("due", int(self.due))
        doc.add_integer("register", int(self.register))
        for unit in self.units:
            doc.add_integer("units", int(unit))
        doc.add_text("sender", sender_key(self.sender))
        return doc


@dataclass(frozen=True)
class Filters:
    """Filters combined with the text: document type code, days (yyyymmdd, both included), urgent only, status
    (``open``, ``done``, or ``overdue``: open with a deadline before ``today``, yyyymmdd), register id, unit id
    (a unit handling it), issuing agency (its name, compared by ``sender_key``)."""

    doc_type: str = ""
    day_from: int | None = None
    day_to: int | None = None
    urgent: bool = False
    status: str = ""
    today: int = 0
    register: int | None = None
    unit: int | None = None
    sender: str = ""

    def queries(self) -> list[Query]:
        out = []
        if self.doc_type:
            out.append(Query.term_query(SCHEMA, "doc_type", self.doc_type))
        if self.day_from is not None or self.day_to is not None:
            out.append(
                Query.range_query(SCHEMA, "day", tantivy.FieldType.Integer, self.day_from, self.day_to)
            )
        if self.urgent:
            out.append(Query.term_query(SCHEMA, "urgent", 1))
        if self.status in STATUSES:
            out.append(Query.term_query(SCHEMA, "done", 1 if self.status == "done" else 0))
        if self.status == "overdue":
            out.append(Query.range_query(SCHEMA, "due", tantivy.FieldType.Integer, 1, self.today - 1))
        if self.register:
            out.append(Query.term_query(SCHEMA, "register", int(self.register)))
        if self.unit:
            out.append(Query.term_query(SCHEMA, "units", int(self.unit)))
        if sender_key(self.sender):
            out.append(Query.term_query(SCHEMA, "sender", sender_key(self.sender)))
        return out


def _prefix_query(prefix: str) -> Query:
    """The items with a word that begins with ``prefix`` (folded): one term of ``prefix`` up to PREFIX_MAX letters;
    a longer one (a number, a code) through the term dictionary, where few words begin with it."""
    if len(prefix) <= PREFIX_MAX:
        return Query.term_query(SCHEMA, "prefix", prefix)
    return Query.regex_query(SCHEMA, "text", re.escape(prefix) + ".+")


def _last_token_start(word: str) -> int:
    """Where the last run of letters and digits of ``word`` begins ("45/ub" → 3)."""
    runs = list(_TOKEN.finditer(word))
    return runs[-1].start() if runs else 0


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    snippet: str
    score: float


@dataclass
class Found:
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, int] = field(default_factory=dict)
    #: the PostgreSQL backend stopped counting at ``total`` (more matches than it counts; newest first, no facets)
    capped: bool = False


class SearchIndex:
    """One index directory; readers in every process, one writer at a time (``fcntl`` lock on ``.writer.lock``)."""

    _open: dict[str, SearchIndex] = {}
    _guard = threading.Lock()

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        version = path / ".schema-version"
        if tantivy.Index.exists(str(path)) and (
            not version.exists() or version.read_text() != SCHEMA_VERSION
        ):
            for child in path.iterdir():  # an index of an older schema: start again (``reindex`` fills it)
                if child.name != ".writer.lock":
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
        version.write_text(SCHEMA_VERSION)
        exists = tantivy.Index.exists(str(path))
        self.tantivy = tantivy.Index(SCHEMA, path=str(path), reuse=exists)
        _register(self.tantivy)

    @classmethod
    def at(cls, path: Path) -> SearchIndex:
        with cls._guard:
            if str(path) not in cls._open:
                cls._open[str(path)] = cls(path)
            return cls._open[str(path)]

    @contextmanager
    def _writer(self):
        with open(self.path / ".writer.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one writer at a time, across processes
            writer = self.tantivy.writer(heap_size=50_000_000, num_threads=1)
            try:
                yield writer
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
        self.tantivy.reload()

    def index(self, items: Iterable[Item]) -> int:
        return self.write(items)

    def delete(self, keys: Iterable[str]) -> int:
        return self.write([], delete=keys)

    def write(self, items: Iterable[Item], delete: Iterable[str] = ()) -> int:
        """Replace the items (by key) and delete the keys in ``delete``; one commit. Returns items written."""
        n = 0
        with self._writer() as writer:
            for key in delete:
                writer.delete_documents_by_term("key", key)
            for item in items:
                writer.delete_documents_by_term("key", item.key)
                writer.add_document(item.document())
                n += 1
        return n

    def clear(self) -> None:
        with self._writer() as writer:
            writer.delete_all_documents()

    def stamps(self) -> dict[str, str]:
        """Every indexed key with its stamp (for the drift check)."""
        self.tantivy.reload()
        searcher = self.tantivy.searcher()
        out: dict[str, str] = {}
        total = searcher.num_docs
        if not total:
            return out
        for _score, address in searcher.search(Query.all_query(), total).hits:
            doc = searcher.doc(address)
            out[doc["key"][0]] = doc["stamp"][0] if doc["stamp"] else ""
        return out

    def keys_for_viewer(self, viewer: int) -> set[str]:
        """Every key the index lets ``viewer`` find."""
        self.tantivy.reload()
        searcher = self.tantivy.searcher()
        total = searcher.num_docs
        if not total:
            return set()
        hits = searcher.search(Query.term_query(SCHEMA, "viewers", int(viewer)), total).hits
        return {searcher.doc(address)["key"][0] for _score, address in hits}

    # --- queries -----------------------------------------------------------------------------------

    def _parse(self, text: str, field: str, *, conjunction: bool = True) -> Query:
        try:
            return self.tantivy.parse_query(text, [field], conjunction_by_default=conjunction)
        except ValueError:  # unbalanced quotes and the like: search the words
            return self.tantivy.parse_query(
                _OPERATORS.sub(" ", text), [field], conjunction_by_default=conjunction
            )

    def query(self, text: str) -> Query | None:
        """What must match: the user's query on the folded ``text`` (title included): AND by default, "phrases",
        OR, -minus; the last word also as a prefix when the user is typing it (no operator in the query). None
        when there is nothing to search."""
        text = clean(text).strip()
        if not tokens(text):
            return None
        words = text.split()
        start = _last_token_start(words[-1])
        last = tokens(words[-1][start:])
        if _OPERATORS.search(text) or not last or len(last[0]) < 2:
            return self._parse(text, "text")
        # the last token ("45/ub" → "ub") is the word being typed: itself, or any word it begins
        head = " ".join([*words[:-1], words[-1][:start]]).strip()
        typed = Query.boolean_query(
            [
                (Occur.Should, self._parse(words[-1][start:], "text")),
                (
                    Occur.Should,
                    Query.boost_query(_prefix_query(last[0]), 0.5),
                ),
            ]
        )
        if not tokens(head):
            return typed
        return Query.boolean_query([(Occur.Must, self._parse(head, "text")), (Occur.Must, typed)])

    def ranking(self, text: str) -> list[tuple[Occur, Query]]:
        """What only ranks (an optional clause, read for the matches alone): the words typed with diacritics, as
        typed (``exact``, boost 2), so that "bán" ranks before "bàn". A word without diacritic marks (a number, an
        abbreviation, a query typed without diacritics) is the same folded or not: an exact clause would add the
        same to every match, and cost as much as the whole query on common words such as "ubnd"."""
        marked = [w for w in _OPERATORS.sub(" ", clean(text)).split() if fold(w) != w.lower()]
        if not tokens(" ".join(marked)):
            return []
        exact = self._parse(" ".join(marked), "exact", conjunction=False)
        return [(Occur.Should, Query.boost_query(exact, 2.0))]

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
        parsed = self.query(text)
        if parsed is None:
            return Found(0)
        allowed = Query.term_query(SCHEMA, "viewers", int(viewer))
        required = [(Occur.Must, parsed), (Occur.Must, allowed)]
        required += [(Occur.Must, q) for q in (filters.queries() if filters else [])]
        searcher = self.tantivy.searcher()
        # facet counts of every kind in one pass over the matches, unscored (a terms aggregation on the kind), in
        # a second thread while this one finds the page (Tantivy lets go of the GIL: 2 passes in the time of ~1.4)
        counting = _POOL.submit(
            searcher.aggregate,
            Query.boolean_query(list(required)),
            {"kinds": {"terms": {"field": "kind", "size": len(KINDS)}}},
        )
        if kinds:
            wanted = Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, "kind", k)) for k in kinds])
            required.append((Occur.Must, wanted))
        if by_date:
            result = searcher.search(
                Query.boolean_query(required), limit, count=False, order_by_field="day", offset=offset
            )
        else:
            # count=False: the total is the aggregation's; a top-k alone may skip blocks that cannot enter it
            result = searcher.search(
                Query.boolean_query(required + self.ranking(text)), limit, count=False, offset=offset
            )
        facets = dict.fromkeys(KINDS, 0)
        for bucket in counting.result().get("kinds", {}).get("buckets", []):
            facets[bucket["key"]] = int(bucket["doc_count"])
        total = sum(facets.get(k, 0) for k in kinds) if kinds else sum(facets.values())
        snippets = tantivy.SnippetGenerator.create(searcher, parsed, SCHEMA, "text")
        snippets.set_max_num_chars(240)
        hits = []
        for score, address in result.hits:
            doc = searcher.doc(address)
            hits.append(
                Hit(
                    key=doc["key"][0],
                    kind=doc["kind"][0],
                    title=doc["title"][0],
                    snippet=snippets.snippet_from_doc(doc).to_html(),
                    score=float(score),
                )
            )
        return Found(total, hits, facets)
