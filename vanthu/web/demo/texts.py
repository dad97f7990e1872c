"""The words people write while handling demo documents: directions, assignments, progress, results."""

from __future__ import annotations

import random
from datetime import date


def _d(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def present_note(rng: random.Random, leader_title: str) -> str:
    return rng.choice(
        (
            f"Kính trình {leader_title} cho ý kiến chỉ đạo.",
            f"Kính trình {leader_title} xem xét, chỉ đạo.",
            "Kính trình.",
            "",
        )
    )


def pass_on_note(rng: random.Random, leader_title: str) -> str:
    return rng.choice(
        (
            f"Văn phòng đã xem xét, kính trình {leader_title} cho ý kiến chỉ đạo.",
            f"Nội dung thuộc lĩnh vực {leader_title} phụ trách, kính trình.",
        )
    )


def direction(rng: random.Random, lead: str, coops: list[str], deadline: date | None, urgent: bool) -> str:
    """Ý kiến chỉ đạo naming the lead unit, the co-operating units and the deadline."""
    if urgent:
        due = f"trước ngày {_d(deadline)}" if deadline else "trong ngày"
        return f"Khẩn. Giao {lead} xử lý ngay, báo cáo kết quả {due}."
    coop = f", phối hợp với {', '.join(coops)}" if coops else ""
    due = f" trước ngày {_d(deadline)}" if deadline else ""
    return rng.choice(
        (
            f"Giao {lead} chủ trì{coop} nghiên cứu, tham mưu, đề xuất UBND tỉnh{due}.",
            f"Giao {lead} chủ trì{coop} tham mưu văn bản chỉ đạo, trình UBND tỉnh{due}.",
            f"Giao {lead}{coop} kiểm tra, rà soát, tham mưu văn bản trả lời{due}.",
            f"Chuyển {lead} theo dõi, tham mưu UBND tỉnh chỉ đạo thực hiện{due}.",
        )
    )


def forward_note(rng: random.Random) -> str:
    return rng.choice(
        (
            "Chuyển đơn vị xử lý theo chức năng, nhiệm vụ.",
            "Chuyển đơn vị theo dõi, tổng hợp theo quy chế làm việc.",
            "Văn bản báo cáo định kỳ, chuyển đơn vị tổng hợp.",
        )
    )


def delegate_note(rng: random.Random, deadline: date | None) -> str:
    due = f", báo cáo trước ngày {_d(deadline)}" if deadline else ""
    return rng.choice(
        (
            f"Đồng chí nghiên cứu, tham mưu dự thảo văn bản trình lãnh đạo phòng{due}.",
            f"Giao đồng chí chủ động xử lý{due}.",
            f"Đồng chí theo dõi, đề xuất phương án xử lý{due}.",
        )
    )


def progress_note(rng: random.Random, sender: str) -> str:
    return rng.choice(
        (
            f"Đã làm việc với {sender}, đang tổng hợp số liệu.",
            "Đã dự thảo văn bản, đang xin ý kiến các đơn vị phối hợp.",
            "Đã trình dự thảo văn bản lên lãnh đạo phòng, chờ ý kiến.",
            f"Đề nghị {sender} bổ sung hồ sơ, tài liệu liên quan.",
            "Đang rà soát các văn bản có liên quan để tham mưu.",
        )
    )


def result(rng: random.Random, unit: str, number: int, day: date) -> str:
    """Kết quả giải quyết: usually the outgoing document that answered it."""
    return rng.choice(
        (
            f"Đã tham mưu Văn bản số {number}/UBND-{unit} ngày {_d(day)} của UBND tỉnh.",
            f"Đã tham mưu Quyết định số {number}/QĐ-UBND ngày {_d(day)} của UBND tỉnh.",
            f"Đã tham mưu Thông báo số {number}/TB-UBND ngày {_d(day)}.",
            "Đã báo cáo lãnh đạo UBND tỉnh; văn bản lưu hồ sơ theo dõi.",
            "Đã tổng hợp vào báo cáo định kỳ; không cần văn bản trả lời.",
        )
    )


def contribution(rng: random.Random) -> str:
    return rng.choice(
        (
            "Thống nhất với nội dung dự thảo, không có ý kiến bổ sung.",
            "Đã gửi ý kiến tham gia bằng văn bản cho đơn vị chủ trì.",
            "Đề nghị bổ sung số liệu của lĩnh vực phòng theo dõi; đã gửi kèm.",
        )
    )


def wrong_unit_reason(right_unit: str) -> str:
    return (
        f"Nội dung văn bản thuộc lĩnh vực {right_unit} theo dõi; đề nghị lãnh đạo giao lại cho {right_unit}."
    )


def specialist_return_reason(rng: random.Random) -> str:
    return rng.choice(
        (
            "Đang đi công tác dài ngày, đề nghị lãnh đạo phòng phân công đồng chí khác.",
            "Nội dung thuộc lĩnh vực đồng chí khác trong phòng theo dõi, đề nghị phân công lại.",
        )
    )
