"""Shared helpers (dùng chung): text folding, document types, số/ký hiệu, working days and deadlines."""
