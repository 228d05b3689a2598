"""make bench's parsers scenario, agreement half: the records of --parser html5 and --parser
libxml2 over the same pages, compared page by page for each query (same elements, in order, with
the same attributes and text), as a Markdown table.

    python3 bench/parser_agreement.py --scrape BIN --urls URLS --out bench/results/parsers-agreement.md
"""
import argparse
import json
import subprocess

QUERIES = ["script", "a[href]", "title", "p", "*"]


def records(scrape, urls, parser):
    command = [scrape, "--urls", urls, "--ordered", "--quiet", "--per-host", "64", "--parser", parser]
    for number, query in enumerate(QUERIES):
        command += ["-s", f"q{number}={query}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    # Split on newlines alone: str.splitlines would also split on U+2028 and the like inside strings.
    return [json.loads(line) for line in output.split("\n") if line]


def elements(record, number):
    found = record.get("selections", {}).get(f"q{number}", {}).get("elements", [])
    return [(e["name"], sorted(e.get("attrs", {}).items()), e.get("text", "")) for e in found]


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--scrape", required=True)
    arguments.add_argument("--urls", required=True)
    arguments.add_argument("--out", required=True)
    options = arguments.parse_args()
    html5 = records(options.scrape, options.urls, "html5")
    libxml2 = records(options.scrape, options.urls, "libxml2")
    rows = ["| query | pages where both parsers give the same elements | html5 elements | libxml2 elements |",
            "|---|---|---|---|"]
    for number, query in enumerate(QUERIES):
        same = sum(1 for a, b in zip(html5, libxml2) if elements(a, number) == elements(b, number))
        count_a = sum(len(elements(r, number)) for r in html5)
        count_b = sum(len(elements(r, number)) for r in libxml2)
        rows.append(f"| `{query}` | {same} of {len(html5)} ({100 * same / len(html5):.1f}%) | {count_a} | {count_b} |")
    with open(options.out, "w") as file:
        file.write("\n".join(rows) + "\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
