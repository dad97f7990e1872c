"""Configuration of outgoing documents for the administrator: approval chains and numbering rules."""

from django.contrib import admin

from .models import ApprovalChain, ChainStep, NumberingRule


class ChainStepInline(admin.TabularInline):
    model = ChainStep
    extra = 0
    fields = ("order", "purpose", "label", "assignee", "role", "user")
    autocomplete_fields = ("user",)


@admin.register(ApprovalChain)
class ApprovalChainAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "doc_type", "restart_on_return", "is_active")
    list_filter = ("agency", "is_active")
    inlines = [ChainStepInline]


@admin.register(NumberingRule)
class NumberingRuleAdmin(admin.ModelAdmin):
    list_display = ("agency", "doc_type", "scope", "register")
    list_filter = ("agency", "scope")
