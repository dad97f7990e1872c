from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "vanthu.registers"
    label = "registers"
    verbose_name = "Sổ văn bản"
