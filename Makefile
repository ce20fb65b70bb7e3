# Two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest demo bench clean system-deps system-deps-test

run: system-deps $(STAMP)
	$(BIN)/runnerup $(ARGS)

demo: system-deps $(STAMP)
	$(BIN)/runnerup --demo

# The performance suite at full size (a few minutes; see benchmarks/README.md).
# Writes benchmarks/results.json. Not part of `make test`: CI runs it tiny, as a test.
bench: system-deps $(STAMP)
	$(BIN)/python -m benchmarks.bench $(BENCH_ARGS)

test: system-deps-test $(STAMP) lint typecheck pytest package-test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

system-deps:
	@PYTHON=$(PYTHON) scripts/system-deps.sh run

system-deps-test:
	@PYTHON=$(PYTHON) scripts/system-deps.sh test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build dist *.egg-info

# Native packages (README.md, "Installers"). `make package`: the PyInstaller bundle dist/runnerup/
# and, where dpkg-deb exists, dist/runnerup_<version>_<arch>.deb. `make package-test` builds
# them and smoke-tests them (scripts/package-test.sh); `make test` ends with it.
.PHONY: package package-test
PACKAGE_INPUTS := packaging.spec installers/runnerup_entry.py pyproject.toml \
	$(shell find runnerup_desktop -name __pycache__ -prune -o -type f -print)

dist/runnerup/runnerup: $(STAMP) $(PACKAGE_INPUTS)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/pyinstaller \
		--distpath dist packaging.spec
	touch $@

package: system-deps-test dist/runnerup/runnerup
	@if command -v dpkg-deb >/dev/null; then installers/linux/build-deb.sh dist/runnerup dist; \
	else echo "no dpkg-deb here: built the bundle dist/runnerup/ only"; fi

package-test: system-deps-test $(STAMP)
	scripts/package-test.sh
