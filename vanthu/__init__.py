"""vanthu — hệ thống quản lý văn bản và điều hành."""
