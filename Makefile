# The two commands of the README:
#   make site   install missing system packages, build Kontor and the example site into site/
#   make test   install what the tests need, run every test (unit, golden, end-to-end, browser)
SWIFT ?= swift
KONTOR = .build/debug/kontor

.PHONY: site test deps build unit-tests browser-tests check bench catalog-cost clean

site: deps build
	$(KONTOR) build --content content --templates templates --output site
	$(KONTOR) check --output site

deps:
	scripts/install-deps.sh

build:
	$(SWIFT) build --product kontor

test: deps build
	scripts/install-deps.sh browser
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(KONTOR) build --content content --templates templates --output .build/test-site --strict
	$(KONTOR) check --output .build/test-site --strict
	Tests/browser/run.sh .build/test-site/nordlicht

bench:
	scripts/bench.sh

catalog-cost:
	scripts/catalog-cost.sh

clean:
	rm -rf .build site
