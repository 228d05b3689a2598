# scrape: the commands a user and CI need. Every target installs what it needs first.
SWIFT   ?= swift
PORT    ?= 8089
CORPUS  ?= ../shared/corpus
# check.py score on the corpus below which `make test` fails; raise it as extraction improves.
CONFORMANCE_FLOOR ?= 100.0

STATE   := $(CURDIR)/.build/site-state
RELEASE := $(CURDIR)/.build/release/scrape

.PHONY: deps build release demo test conformance bench scale clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## demo: serve the bundled site on 127.0.0.1:$(PORT), scrape it, summarise with jq, stop the server.
demo: release
	@scripts/local-site start samples/site $(STATE)/demo $(PORT) >/dev/null
	@trap 'scripts/local-site stop $(STATE)/demo' EXIT; \
	echo "== scrape --urls samples/sites.txt --ordered | jq (one line per URL)"; \
	$(RELEASE) --urls samples/sites.txt --ordered \
	  | jq -c '{url, ok, status, charset, scripts: .count, error: .error.kind}'; \
	echo "== external script hosts"; \
	$(RELEASE) --urls samples/sites.txt --quiet \
	  | jq -r '.elements[].attrs.src // empty | select(startswith("http")) | split("/")[2]' | sort | uniq -c

## test: unit and end-to-end tests against a real nginx, then the corpus score when the corpus is present.
test: deps
	$(SWIFT) build --build-tests
	@status=0; $(SWIFT) test || status=$$?; \
	for site in .build/test-sites/*/; do [ -d "$$site" ] && scripts/local-site stop "$$site"; done; \
	exit $$status
	@if [ -d "$(CORPUS)/pages" ]; then $(MAKE) --no-print-directory conformance; \
	 else echo "conformance: $(CORPUS) not present, skipped"; fi

## conformance: score <script> extraction on the reference corpus with its check.py.
conformance: release
	@[ -d "$(CORPUS)/pages" ] || { echo "conformance: no corpus at $(CORPUS)"; exit 1; }
	@port=$$(scripts/local-site start $(CORPUS) $(STATE)/corpus); \
	trap 'scripts/local-site stop $(STATE)/corpus' EXIT; \
	ls $(CORPUS)/pages | sed "s|^|http://127.0.0.1:$$port/pages/|" > $(STATE)/corpus-urls.txt; \
	$(RELEASE) --urls $(STATE)/corpus-urls.txt --per-host 64 --quiet > $(STATE)/corpus-out.jsonl; \
	python3 $(CORPUS)/check.py $(CORPUS)/expected.jsonl $(STATE)/corpus-out.jsonl | tee $(STATE)/corpus-score.txt; \
	score=$$(sed -n 's/^everything: \([0-9.]*\)%.*/\1/p' $(STATE)/corpus-score.txt); \
	python3 -c "import sys; sys.exit(0 if float('$$score') >= $(CONFORMANCE_FLOOR) else 1)" \
	  || { echo "conformance: $$score% is below the floor of $(CONFORMANCE_FLOOR)%"; exit 1; }

## bench: blocking vs threads vs async vs the Python peers, curl and the ideal (writes bench/results/).
bench: deps
	bench/run

## scale: 10k / 100k / 1M URLs through the async runner: one valid record each, flat peak RSS.
scale: deps
	bench/scale

clean:
	rm -rf .build
