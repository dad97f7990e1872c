"""The demo documents as they arrive: when, from whom, with which number, abstract, urgency and attachment."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from vanthu.common.doctypes import ABBREVIATIONS
from vanthu.documents.models import Confidentiality, DocumentType, Urgency
from vanthu.incoming.models import Channel

from .clock import Clock
from .corpus import Corpus, reissue
from .gazette import GAZETTE, covering_letter
from .plan import DocPlan, Office
from .senders import DRAFTING_UNITS, SenderPicker, Signers

#: Documents arrive over the last four months or so.
DAYS_BACK = 122
URGENT_SHARE, SECRET_SHARE, ATTACHMENT_SHARE = 0.08, 0.02, 0.075
_URGENCY_LEVELS = ((Urgency.URGENT, 70), (Urgency.VERY_URGENT, 22), (Urgency.EXPRESS, 8))
_CHANNELS = ((Channel.EXCHANGE, 60), (Channel.PAPER, 30), (Channel.EMAIL, 10))


class Arrivals:
    """Turns receipt times into planned documents for one agency."""

    def __init__(
        self,
        *,
        clock: Clock,
        corpus: Corpus,
        picker: SenderPicker,
        signers: Signers,
        rng: random.Random,
        gazette_dir: Path | None,
    ) -> None:
        self.clock = clock
        self.corpus = corpus
        self.picker = picker
        self.signers = signers
        self.rng = rng
        self.gazette_dir = gazette_dir
        self.types = {t.code: t for t in DocumentType.objects.all()}
        self._exclude: tuple[str, ...] = ()

    def _type(self, abbreviation: str | None) -> DocumentType:
        doc_type = ABBREVIATIONS.get(abbreviation or "")
        return self.types[doc_type.code if doc_type else "cong-van"]

    def _common(
        self, sender, abstract: str, doc_type: DocumentType, received, urgency: int, secret: bool
    ) -> dict:
        rng = self.rng
        signer_name, signer_position = self.signers.pick(sender)
        reply_due = None
        if doc_type.code == "cong-van" and "báo cáo" in abstract.lower() and rng.random() < 0.4:
            reply_due = self.clock.calendar.add_working_days(received.date(), rng.randint(5, 12))
        channel = Channel.PAPER if secret else rng.choices(*zip(*_CHANNELS, strict=True))[0]
        return {
            "sender": sender,
            "sender_name": sender.name,
            "doc_type": doc_type,
            "abstract": abstract,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "urgency": urgency,
            "confidentiality": Confidentiality.SECRET if secret else Confidentiality.NORMAL,
            "page_count": rng.choice((1, 1, 2, 2, 2, 3, 4, 5, 8)),
            "reply_due": reply_due,
            "channel": channel,
        }

    def _from_corpus(self, received, urgency: int, secret: bool, commune: bool) -> tuple[dict, str]:
        rng = self.rng
        row, doc_date, renumber = self.corpus.take(received.date())
        if commune and rng.random() < 0.5:
            sender, unit = self.picker.province, "TH"
        else:
            exclude = self._exclude if commune else ()
            sender, unit = self.picker.pick(row.abstract, row.unit, row.type_abbreviation, exclude=exclude)
        number, notation = reissue(row, sender, rng, renumber, doc_date)
        fields = self._common(
            sender, row.abstract, self._type(row.type_abbreviation), received, urgency, secret
        )
        fields.update(code_number=number, code_notation=notation, document_date=doc_date)
        return fields, unit

    def _from_gazette(self, item, received, urgency: int) -> tuple[dict, Path | None]:
        rng = self.rng
        sender = self.picker.by_abbr[item.sender]
        doc_date = received.date() - timedelta(days=rng.choice((1, 2, 2, 3, 4)))
        type_abbr, abstract = covering_letter(item, received.date())
        notation = f"{type_abbr}-{sender.abbreviation}" if type_abbr else f"{sender.abbreviation}-"
        if not type_abbr:
            notation += rng.choice(DRAFTING_UNITS.get(sender.abbreviation, ("VP",)))
        number = str(doc_date.timetuple().tm_yday * rng.randint(5, 9) + rng.randint(0, 9))
        fields = self._common(sender, abstract, self._type(type_abbr), received, urgency, False)
        fields.update(
            code_number=number,
            code_notation=notation,
            document_date=doc_date,
            page_count=2,
            note=f"Kèm theo {item.type_name} số {item.code} (bản Công báo, {item.pages} trang).",
        )
        path = self.gazette_dir / item.file if self.gazette_dir else None
        return fields, path if path and path.is_file() else None

    def plans(self, count: int, office: Office, *, commune: bool = False, exclude=()) -> list[DocPlan]:
        """``count`` documents of one agency, oldest first, not yet given a state."""
        rng = self.rng
        self._exclude = exclude
        times = self.clock.arrivals(count, DAYS_BACK)
        indices = list(range(count))
        n_secret = 0 if commune else max(1, round(count * SECRET_SHARE))
        n_gazette = (
            0 if commune or not self.gazette_dir else min(len(GAZETTE), round(count * ATTACHMENT_SHARE))
        )
        picked = rng.sample(indices, n_secret + n_gazette)
        secret, gazette = set(picked[:n_secret]), dict(zip(picked[n_secret:], GAZETTE, strict=False))
        urgent = set(rng.sample(indices, max(2, round(count * URGENT_SHARE))))
        plans = []
        for i, received in enumerate(times):
            urgency = rng.choices(*zip(*_URGENCY_LEVELS, strict=True))[0] if i in urgent else Urgency.NORMAL
            attachment = None
            if i in gazette:
                fields, attachment = self._from_gazette(gazette[i], received, urgency)
                lead = gazette[i].unit
            else:
                fields, lead = self._from_corpus(received, urgency, i in secret, commune)
            if commune:
                lead = "xa.cv2" if lead == "KT" else "xa.cv1"
            plan = DocPlan(
                received_at=received,
                clerk=rng.choice(office.clerks),
                fields=fields,
                lead=lead,
                urgency=urgency,
                secret=i in secret,
                attachment=attachment,
            )
            if commune:
                plan.route = "person"
            plans.append(plan)
        return plans
