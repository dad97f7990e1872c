"""Seed the usual subject areas (lĩnh vực) of a People's Committee; the administrator can edit them."""

from django.db import migrations

FIELDS = [
    "Tổng hợp",
    "Kinh tế – Tài chính, ngân sách",
    "Kế hoạch – Đầu tư",
    "Tài nguyên – Môi trường, đất đai",
    "Xây dựng – Giao thông",
    "Nông nghiệp – Nông thôn mới",
    "Công thương",
    "Văn hóa – Thể thao – Du lịch",
    "Giáo dục – Đào tạo",
    "Y tế",
    "Lao động – Xã hội",
    "Nội chính – Quốc phòng – An ninh",
    "Tư pháp",
    "Nội vụ",
    "Cải cách hành chính",
    "Khoa học – Công nghệ, chuyển đổi số",
    "Tiếp công dân, khiếu nại, tố cáo",
]


def seed(apps, schema_editor):
    Field = apps.get_model("tasks", "Field")
    for order, name in enumerate(FIELDS, start=1):
        Field.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
