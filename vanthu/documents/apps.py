from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "vanthu.documents"
    label = "documents"
    verbose_name = "Văn bản (dùng chung)"
