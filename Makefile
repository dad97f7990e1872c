# vanthu — `make demo` to try it, `make test` to check it. GNU make.
#
# Everything Python goes into ./.venv (created with $(PYTHON)); data goes into ./var (VANTHU_DATA_DIR).
# System packages (Debian's chromium and fonts) are installed only when missing and only as root.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
# pip warns about every --find-links/--extra-index-url folder a machine's pip.conf names but lacks: noise.
PIP_NOISE := is ignored: it is neither a file nor a directory
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for the second test leg; the tests create and drop test_<name>_<pid> themselves.
PG_URL ?= postgresql://postgres@127.0.0.1:5432/vanthu
PYTEST_ARGS ?=
CHROMIUM := /usr/bin/chromium
FONT_FILES := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
              /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf
LINT_PATHS := $(wildcard vanthu e2e bench)

export DEBIAN_FRONTEND := noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help demo test lint format serve migrate seed check-python venv install install-test \
        sysdeps-fonts sysdeps-test test-sqlite test-postgres clean distclean

help:
	@echo "make demo     cài đặt và chạy hệ thống với văn phòng mẫu tại http://$(HOST):$(PORT)"
	@echo "make test     cài đặt công cụ kiểm thử, chạy ruff và toàn bộ kiểm thử (SQLite rồi PostgreSQL)"
	@echo "make lint     ruff check + ruff format --check"
	@echo "make format   ruff format + ruff check --fix"
	@echo "make migrate  áp dụng migration vào cơ sở dữ liệu (mặc định ./var/vanthu.sqlite3)"
	@echo "make serve    chạy gunicorn + db_worker (vanthu serve) tại http://$(HOST):$(PORT)"
	@echo "make clean    xóa cache, tệp build, CSDL kiểm thử còn sót; make distclean xóa thêm .venv"

# --- environment -----------------------------------------------------------------------------------------

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
	  echo "vanthu cần Python >= 3.11 ($(PYTHON) là $$($(PYTHON) --version 2>&1)). Dùng: make PYTHON=python3.11 ..." >&2
	  exit 1; }

$(PY): | check-python
	@echo "==> Tạo môi trường ảo $(VENV)"
	$(PYTHON) -m venv $(VENV) || {
	  echo "Không tạo được $(VENV). Trên Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }

venv: $(PY)

# Editable installs: a change to the code needs no reinstall; a change to pyproject.toml does.
$(VENV)/.installed: pyproject.toml | $(PY)
	@echo "==> pip install -e ."
	$(PIP) install -q -e . 2> >(grep -v '$(PIP_NOISE)' >&2)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	@echo "==> pip install -e '.[test]'"
	$(PIP) install -q -e '.[test]' 2> >(grep -v '$(PIP_NOISE)' >&2)
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Fonts for PDF exports (Vietnamese needs a Unicode TrueType font).
sysdeps-fonts:
	@missing=""
	for f in $(FONT_FILES); do [ -f "$$f" ] || missing=yes; done
	if [ -z "$$missing" ]; then exit 0; fi
	if [ "$$(id -u)" != 0 ]; then
	  echo "CẢNH BÁO: thiếu phông chữ cho xuất PDF; cài bằng quyền root: apt-get install fonts-liberation fonts-dejavu-core" >&2
	  exit 0
	fi
	echo "==> apt-get install fonts-liberation fonts-dejavu-core"
	{ apt-get update -qq && apt-get install -y -qq fonts-liberation fonts-dejavu-core >/dev/null; } \
	  || echo "CẢNH BÁO: không cài được phông chữ; xuất PDF có thể lỗi tiếng Việt" >&2

# Debian's Chromium for the browser tests (Playwright uses it; `playwright install` is never used) + fonts.
sysdeps-test:
	@packages=""
	[ -x $(CHROMIUM) ] || packages=" chromium"
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages="$$packages fonts-dejavu-core"
	[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || packages="$$packages fonts-liberation"
	if [ -z "$$packages" ]; then exit 0; fi
	if [ "$$(id -u)" != 0 ]; then
	  echo "CẢNH BÁO: thiếu$$packages và không có quyền root: bỏ qua kiểm thử trình duyệt (e2e)." >&2
	  echo "          Cài bằng: sudo apt-get install -y chromium fonts-liberation fonts-dejavu-core" >&2
	  exit 0
	fi
	echo "==> apt-get install$$packages"
	if ! { apt-get update -qq && apt-get install -y -qq $$packages >/dev/null; }; then
	  echo "LỖI: apt-get install$$packages thất bại." >&2
	  if [ "$${CI:-}" = "true" ]; then exit 1; fi
	  echo "CẢNH BÁO: kiểm thử trình duyệt (e2e) sẽ bị bỏ qua." >&2
	fi

# --- demo ------------------------------------------------------------------------------------------------

migrate: $(VENV)/.installed
	@echo "==> manage.py migrate"
	$(PY) manage.py migrate --no-input

seed: migrate
	@echo "==> manage.py seed_demo"
	$(PY) manage.py seed_demo

serve: $(VENV)/.installed
	@VANTHU_HOST=$(HOST) VANTHU_PORT=$(PORT) exec $(PY) -m vanthu.cli serve

demo: $(VENV)/.installed sysdeps-fonts seed
	@echo "==> http://$(HOST):$(PORT)/  (Ctrl+C để dừng; dữ liệu trong $${VANTHU_DATA_DIR:-./var})"
	VANTHU_HOST=$(HOST) VANTHU_PORT=$(PORT) exec $(PY) -m vanthu.cli serve

# --- checks ----------------------------------------------------------------------------------------------

lint: $(VENV)/.installed-test
	@echo "==> ruff check, ruff format --check: $(LINT_PATHS)"
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)

format: $(VENV)/.installed-test
	@$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

# One pytest run; exit code 5 (no test collected) is a failure, not a success.
define run_pytest
	start=$$SECONDS
	set +e
	$(PY) -m pytest $(PYTEST_ARGS)
	rc=$$?
	set -e
	echo "==> [$(1)] pytest exit code $$rc, $$((SECONDS - start)) s"
	if [ $$rc -eq 5 ]; then echo "LỖI [$(1)]: pytest không thu thập được kiểm thử nào (exit code 5)." >&2; exit 1; fi
	exit $$rc
endef

test-sqlite: $(VENV)/.installed-test
	@echo "==> Kiểm thử trên SQLite"
	unset VANTHU_DATABASE_URL
	$(call run_pytest,SQLite)

test-postgres: $(VENV)/.installed-test
	@probe='import sys, psycopg
	sys.excepthook = lambda t, e, tb: print(f"{t.__name__}: {e}".splitlines()[0], file=sys.stderr)
	psycopg.connect(sys.argv[1], dbname="postgres", connect_timeout=5).close()'
	if ! $(PY) -c "$$probe" "$(PG_URL)"; then
	  if [ "$${CI:-}" = "true" ]; then
	    echo "LỖI: không kết nối được PostgreSQL ($(PG_URL)); trong CI đây là lỗi." >&2; exit 1
	  fi
	  echo "CẢNH BÁO: không kết nối được PostgreSQL ($(PG_URL)): BỎ QUA lượt kiểm thử trên PostgreSQL." >&2
	  exit 0
	fi
	echo "==> Kiểm thử trên PostgreSQL ($(PG_URL))"
	export VANTHU_DATABASE_URL="$(PG_URL)"
	$(call run_pytest,PostgreSQL)

# Every leg runs even when an earlier one failed, so that one run shows every problem; any failure fails.
test: $(VENV)/.installed-test sysdeps-test
	@total=$$SECONDS
	failed=""
	for leg in lint test-sqlite test-postgres; do
	  start=$$SECONDS
	  if $(MAKE) $$leg; then status=OK; else status="THẤT BẠI"; failed="$$failed $$leg"; fi
	  summary="$${summary:-}$$(printf '   %-14s %-9s %4d s' $$leg "$$status" $$((SECONDS - start)))"$$'\n'
	done
	echo "==> make test: tổng $$((SECONDS - total)) s"
	printf '%s' "$$summary"
	if [ -n "$$failed" ]; then echo "LỖI: thất bại:$$failed" >&2; exit 1; fi

# --- housekeeping ----------------------------------------------------------------------------------------

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache test-results
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f var/test-*.sqlite3 var/test-*.sqlite3-wal var/test-*.sqlite3-shm

distclean: clean
	rm -rf $(VENV)
