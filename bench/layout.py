"""Rendering time of the frame of an outgoing document (Decree 30 layout, ``vanthu.outgoing.layout``).

    python -m bench.layout [--n 200] [--seed 1]

Builds ``--n`` varied frames (công văn and typed documents, 1–6 recipients, 2–8 "Nơi nhận" lines, every signing
authority, sometimes urgency and secrecy marks) and renders each as DOCX and as PDF, twice: the frame alone
(placeholder body) and around a body of 14 paragraphs (DOCX: a body file with a table, copied in; PDF: the same
text), about two pages. Prints the median and p95 milliseconds per document for each of the four cases, after 5
warm-ups. No database: Django settings are loaded only because the PDF font finder reads ``VANTHU_PDF_FONT``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanthu.settings")
os.environ.setdefault("VANTHU_LOG_LEVEL", "WARNING")

import bench  # noqa: E402

AGENCIES = [
    ("", "Ủy ban nhân dân tỉnh Hà Tĩnh", "UBND"),
    ("UBND tỉnh Hà Tĩnh", "Sở Nội vụ", "SNV"),
    ("UBND tỉnh Hà Tĩnh", "Sở Tài nguyên và Môi trường", "STNMT"),
    ("UBND huyện Kỳ Anh", "Ủy ban nhân dân xã Kỳ Tiến", "UBND"),
    ("Bộ Nội vụ", "Cục Văn thư và Lưu trữ nhà nước", "VTLTNN"),
]
TYPES = ["", "", "Quyết định", "Kế hoạch", "Thông báo", "Báo cáo", "Tờ trình"]
ABBREVIATIONS = {"Quyết định": "QĐ", "Kế hoạch": "KH", "Thông báo": "TB", "Báo cáo": "BC", "Tờ trình": "TTr"}
RECIPIENTS = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Giáo dục và Đào tạo",
    "UBND các huyện, thành phố, thị xã",
    "Các cơ quan, đơn vị trực thuộc",
]
SIGNATURES = [
    {"authority": "", "signer_title": "Chủ tịch"},
    {"authority": "TM.", "collective": "Ủy ban nhân dân", "signer_title": "Chủ tịch"},
    {
        "authority": "KT.",
        "collective": "Ủy ban nhân dân",
        "superior_title": "Chủ tịch",
        "signer_title": "Phó Chủ tịch",
    },
    {"authority": "KT.", "superior_title": "Giám đốc", "signer_title": "Phó Giám đốc"},
    {"authority": "TL.", "superior_title": "Chủ tịch", "signer_title": "Chánh Văn phòng"},
    {"authority": "TUQ.", "superior_title": "Giám đốc", "signer_title": "Trưởng phòng Hành chính"},
    {"authority": "Q.", "superior_title": "Giám đốc"},
]
PARAGRAPH = (
    "Thực hiện Kế hoạch số {n}/KH-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về cải cách hành "
    "chính giai đoạn 2026 - 2030, các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố, thị xã chủ động "
    "rà soát, đơn giản hóa thủ tục hành chính, đẩy mạnh số hóa hồ sơ và báo cáo kết quả trước ngày 15 hằng tháng."
)


def frames(n: int, seed: int) -> list:
    from vanthu.outgoing.layout.frame import LayoutFrame

    rng = random.Random(seed)
    out = []
    for i in range(n):
        parent, agency, abbr = rng.choice(AGENCIES)
        type_name = rng.choice(TYPES)
        notation = (
            f"{ABBREVIATIONS[type_name]}-{abbr}" if type_name else f"{abbr}-{rng.choice(['TH', 'VX', 'KT'])}"
        )
        out.append(
            LayoutFrame(
                agency=agency,
                parent_agency=parent,
                number=f"{rng.randint(1, 2500)}/{notation}",
                place="Hà Tĩnh",
                document_date=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 364)),
                type_name=type_name,
                abstract=f"Triển khai nhiệm vụ cải cách hành chính và chuyển đổi số năm 2026 (đợt {i % 9 + 1})",
                recipients=rng.sample(RECIPIENTS, rng.randint(1, 6)),
                signer_name=rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hồng Phong"]),
                distribution=[
                    "Như trên",
                    *rng.sample(RECIPIENTS, rng.randint(1, 6)),
                    "Chủ tịch, các PCT UBND",
                ],
                storage=rng.choice(["TH", "VX", "TH, KT"]),
                urgency=rng.choice(["", "", "", "Khẩn", "Hỏa tốc"]),
                secrecy=rng.choice(["", "", "", "", "Mật"]),
                **rng.choice(SIGNATURES),
            )
        )
    return out


def body_text() -> str:
    return "\n".join(PARAGRAPH.format(n=10 + i) for i in range(14))


def body_docx() -> bytes:
    import docx

    source = docx.Document()
    for i, text in enumerate(body_text().split("\n")):
        paragraph = source.add_paragraph(text[:60])
        paragraph.add_run(text[60:120]).bold = True
        paragraph.add_run(text[120:])
        if i == 6:
            table = source.add_table(rows=4, cols=3)
            table.style = source.styles["Table Grid"]
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    cell.text = f"Chỉ tiêu {r}.{c}"
    out = io.BytesIO()
    source.save(out)
    return out.getvalue()


def measure(render: Callable[[object], bytes], items: list) -> tuple[list[float], int]:
    for frame in items[:5]:
        render(frame)
    times, size = [], 0
    for frame in items:
        start = time.perf_counter()
        data = render(frame)
        times.append((time.perf_counter() - start) * 1000)
        size += len(data)
    return times, size // len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="documents per case (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    import docx as python_docx
    import reportlab

    from vanthu.outgoing.layout.docx import render_docx
    from vanthu.outgoing.layout.pdf import pdf_fonts, render_pdf

    fonts = pdf_fonts()
    items = frames(args.n, args.seed)
    body, text = body_docx(), body_text()
    cases = [
        ("DOCX, frame only", lambda f: render_docx(f)),
        ("DOCX, 14-paragraph body (.docx)", lambda f: render_docx(f, body)),
        ("PDF, frame only", lambda f: render_pdf(f, fonts=fonts)),
        ("PDF, 14-paragraph body (text)", lambda f: render_pdf(f, text, fonts=fonts)),
    ]
    print(f"vanthu {bench.revision()} — layout of outgoing documents, {args.n} documents per case")
    print(
        f"{platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"python-docx {python_docx.__version__}, reportlab {reportlab.Version}, PDF font {fonts.regular}"
    )
    print(f"{'case':<34} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'avg KiB':>8}")
    for label, render in cases:
        times, size = measure(render, items)
        print(
            f"{label:<34} {statistics.median(times):>10.1f} {bench.percentile(times, 95):>8.1f} "
            f"{max(times):>8.1f} {size / 1024:>8.1f}"
        )


if __name__ == "__main__":
    main()
