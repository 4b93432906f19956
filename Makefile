# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
PORT ?= 8080
# `make demo BACKEND=rt` files the demo's cases into Request Tracker 5 instead, and
# `make demo BACKEND=redmine` into Redmine 5.
BACKEND ?= reference
RT_PORT ?= 9311
REDMINE_PORT ?= 9312
SERVER := target/release/case-server

.PHONY: demo test setup setup-browser build lint host-test browser-test bench wasm-size prerender package clean

demo: build
ifeq ($(BACKEND),rt)
	scripts/demo-helpdesk.sh rt $(PORT) $(RT_PORT)
else ifeq ($(BACKEND),redmine)
	scripts/demo-helpdesk.sh redmine $(PORT) $(REDMINE_PORT)
else
	@echo "Demo: open http://127.0.0.1:$(PORT)/ (cases are stored in ./data; Ctrl-C stops it)"
	@echo "WARNING: the demo serves every stored case, personal data included, without sign-in at http://127.0.0.1:$(PORT)/api/cases, on this machine only"
	$(SERVER) --addr 127.0.0.1:$(PORT) --data data --expose-cases
endif

test: setup-browser lint host-test build browser-test

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh browser

build: setup
	trunk build --release
	cargo build --release -p case-server

lint:
	python3 scripts/check-architecture.py
	python3 scripts/check-architecture.py --self-test
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p case-widget --target wasm32-unknown-unknown -- -D warnings

host-test:
	cargo test --workspace --exclude case-widget

browser-test:
	node --test --test-concurrency=1 tests/e2e/

clean:
	cargo clean
	rm -rf dist node_modules package/dist package/bin package/*.tgz tests/fixtures/*/node_modules

# The npm package portals install: package/case-widget-<version>.tgz (see README, "Installing
# it with npm"). The browser tests pack it themselves from the build.
package: build
	scripts/package.sh

bench: setup-browser build
	node bench/run.mjs
	bench/feature-bytes.sh suggestions
	cargo test -p case-core --release --test relevance -- --nocapture
	CRASH_ITERATIONS=1000 CASE_SERVER_BIN=$(CURDIR)/$(SERVER) cargo test -p case-server --test crash -- --nocapture

# Where the wasm's bytes come from, by crate and by function (installs twiggy if missing).
wasm-size: setup
	bench/wasm-size.sh

# Renders the demo page's first step again after a change to it (a browser test tells when).
prerender: setup-browser build
	node scripts/prerender.mjs --demo
	trunk build --release
