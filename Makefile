# scrape: the commands a user and CI need. Every target installs what it needs first.
SWIFT   ?= swift
PORT    ?= 8089
CORPUS  ?= ../shared/corpus
# Corpus scores below which `make test` fails; raise them as extraction improves: check.py's
# <script> score, the mean over elements/queries.txt, and the lowest single query.
CONFORMANCE_FLOOR ?= 100.0
ELEMENTS_MEAN_FLOOR ?= 99.5
ELEMENTS_QUERY_FLOOR ?= 99.0
# The lowest score allowed for any query of scripts/conformance-queries.txt (values, XPath and
# pseudo-classes, scored against html5lib + soupsieve and lxml's XPath).
EXTRA_QUERY_FLOOR ?= 99.5
# Where `make install` puts the binary, the man page and the shell completions.
PREFIX  ?= /usr/local
# How long `make fuzz` runs the fuzzer.
FUZZ_SECONDS ?= 300

STATE   := $(CURDIR)/.build/site-state
# Test runs stop their nginx at exit; this catches one left by a crashed or killed run.
STOP_TEST_SITES := for site in .build/test-sites/*/; do [ -d "$$site" ] && scripts/local-site stop "$$site"; done
# The tests' scratch files (URL lists, output folders, crawl state, and what the binaries they run
# leave when killed) go to a TMPDIR of their own, emptied before and after each run.
TEST_TMP := $(CURDIR)/.build/test-tmp
WITH_TEST_TMP := rm -rf $(TEST_TMP) && mkdir -p $(TEST_TMP) && export TMPDIR=$(TEST_TMP)
RELEASE := $(CURDIR)/.build/release/scrape

.PHONY: deps build release demo test unit conformance bench scale fuzz sanitize docs install uninstall clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## demo: serve the bundled site on 127.0.0.1:$(PORT), scrape it, crawl it, summarise with jq, stop the server.
demo: release
	@scripts/local-site start samples/site $(STATE)/demo $(PORT) >/dev/null
	@trap 'scripts/local-site stop $(STATE)/demo' EXIT; \
	echo "== scrape --urls samples/sites.txt --ordered | jq (one line per URL)"; \
	$(RELEASE) --urls samples/sites.txt --ordered \
	  | jq -c '{url, ok, status, charset, scripts: .count, error: .error.kind}'; \
	echo "== external script hosts"; \
	$(RELEASE) --urls samples/sites.txt --quiet \
	  | jq -r '.elements[].attrs.src // empty | select(startswith("http")) | split("/")[2]' | sort | uniq -c; \
	echo "== values and XPath: each page's script sources (CSS ::attr) and its link count (XPath)"; \
	$(RELEASE) --urls samples/sites.txt --ordered --quiet -s 'src=script::attr(src)' --xpath 'links=count(//a[@href])' \
	  | jq -c '{url: .url[22:], sources: (.selections.src.values | length), first: .selections.src.values[0], links: .selections.links.values[0]}' | head -4; \
	echo "== scrape --crawl --sitemaps from the home page: each page once, its depth and title"; \
	echo http://127.0.0.1:$(PORT)/index.html | $(RELEASE) --urls - --crawl --sitemaps --quiet -s 'title=head > title' \
	  | jq -c '{depth, url, title: .selections.title.elements[0].text}'

## test: the unit tests and the end-to-end tests against a real nginx, then the corpus score when the corpus is present.
test: deps
	$(SWIFT) build --build-tests
	@status=0; $(WITH_TEST_TMP); $(SWIFT) test || status=$$?; $(STOP_TEST_SITES); rm -rf $(TEST_TMP); exit $$status
	@if [ -d "$(CORPUS)/pages" ]; then $(MAKE) --no-print-directory conformance; \
	 else echo "conformance: $(CORPUS) not present, skipped"; fi

## unit: the unit tests alone (no server, no process), for the edit-build-test loop.
unit: deps
	$(SWIFT) build --build-tests
	@$(WITH_TEST_TMP); $(SWIFT) test --skip-build --filter UnitTests; status=$$?; rm -rf $(TEST_TMP); exit $$status

## conformance: the html5lib-tests suites (tree construction, tokenizer, encoding; each test fails
## below its floor), then <script> (check.py) and every query of elements/queries.txt on the corpus.
conformance: release
	@$(SWIFT) build --build-tests >/dev/null
	@$(SWIFT) test --skip-build --filter HTML5Lib 2>&1 | grep -E '^html5lib|✘' || true
	@[ -d "$(CORPUS)/pages" ] || { echo "conformance: no corpus at $(CORPUS)"; exit 1; }
	@scripts/conformance $(RELEASE) $(CORPUS) $(CONFORMANCE_FLOOR) $(ELEMENTS_MEAN_FLOOR) $(ELEMENTS_QUERY_FLOOR) $(EXTRA_QUERY_FLOOR)

## bench: blocking vs threads vs async vs the Python peers, curl and the ideal, and this build against
## the commit VERSUS names (default e5d70a1); SCENARIOS picks some (writes bench/results/).
bench: deps
	bench/run

## scale: 10k / 100k / 1M URLs through the async runner: one valid record each, flat peak RSS; then
## crawls of 20k and 200k pages (CRAWL_SIZES), each page once, flat peak RSS.
scale: deps
	bench/scale

## fuzz: libFuzzer + AddressSanitizer over the parse stage, seeded with samples/, for FUZZ_SECONDS.
## New inputs collect in .build-fuzz/corpus; a crash leaves its input in .build-fuzz/crashes/.
fuzz: deps
	SCRAPE_FUZZ=1 $(SWIFT) build -c release --build-path .build-fuzz --product scrape-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld
	@mkdir -p .build-fuzz/corpus .build-fuzz/crashes
	LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan-suppressions.txt \
	  .build-fuzz/release/scrape-fuzz .build-fuzz/corpus samples/site -max_total_time=$(FUZZ_SECONDS) \
	  -max_len=65536 -timeout=10 -print_final_stats=1 -artifact_prefix=.build-fuzz/crashes/

## sanitize: the whole test suite under AddressSanitizer, then under ThreadSanitizer.
## Leak checking is off: the leaks it finds at exit are XCTest's and ArgumentParser's, not ours.
## Tests of wall-time upper bounds are skipped (SCRAPE_SANITIZED): the slowdown voids them.
sanitize: deps
	@status=0; export SCRAPE_SANITIZED=1; $(WITH_TEST_TMP); \
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --build-path .build-asan \
	  && $(SWIFT) test --sanitize=thread --build-path .build-tsan || status=$$?; $(STOP_TEST_SITES); rm -rf $(TEST_TMP); exit $$status

## docs: the library's DocC documentation, as a static site in .build/docs.
docs: deps
	SCRAPE_DOCS=1 $(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation \
	  --target ScrapeKit --output-path .build/docs --transform-for-static-hosting --warnings-as-errors
	@echo "docs: open .build/docs/documentation/scrapekit/index.html"

## install: the release binary, its man page (swift-argument-parser's generate-manual plugin) and
## bash, zsh and fish completions under $(PREFIX).
install: release
	$(SWIFT) package generate-manual
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE) $(DESTDIR)$(PREFIX)/bin/scrape
	install -m 644 .build/plugins/GenerateManual/outputs/scrape/scrape.1 $(DESTDIR)$(PREFIX)/share/man/man1/scrape.1
	$(RELEASE) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/scrape
	$(RELEASE) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_scrape
	$(RELEASE) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/scrape.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/scrape $(DESTDIR)$(PREFIX)/share/man/man1/scrape.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/scrape $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_scrape \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/scrape.fish

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
