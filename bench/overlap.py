"""make bench's overlap scenario: do fetching and parsing overlap? Real pages (the corpus, 5
rounds) each held L ms by the server, at concurrency C: the wall time against the larger of the
two bounds, N x L / C (latency alone) and N / parse rate (parsing alone), with the parse rate
measured in the same run (the same pages with no delay, run in turn with the held ones). Target:
at most 1.1x that bound. Medians of REPEAT runs of each.

N x L / C leaves out what each request costs beyond L: the server's own time, the kernel's copy of
the body, the fetch loop's work. So the held pages are also fetched without parsing
(`--fetch-only`), in turn with the others, and the last column compares the wall time with the
larger of the two measured stages: what the overlap itself loses.

    python3 bench/overlap.py --scrape BIN --base http://127.0.0.1:PORT --pages LIST --repeat 3 --out bench/results
"""
import argparse
import statistics
import subprocess
import tempfile
import time

CONCURRENCY = 64
LATENCIES = [0.01, 0.05, 0.2]


def wall(scrape, urls, *extra):
    """Wall seconds of one run of scrape over the URL file `urls`."""
    started = time.monotonic()
    subprocess.run([scrape, "--urls", urls, "--concurrency", str(CONCURRENCY), "--per-host", str(CONCURRENCY), "--quiet", *extra],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--scrape", required=True)
    arguments.add_argument("--base", required=True)
    arguments.add_argument("--pages", required=True, help="file of page paths under the site's root, one a line")
    arguments.add_argument("--repeat", type=int, default=3)
    arguments.add_argument("--out", default="bench/results")
    options = arguments.parse_args()
    pages = [line.strip() for line in open(options.pages) if line.strip()] * 5
    count = len(pages)

    def url_file(prefix):
        file = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
        file.writelines(f"{options.base}{prefix}/{page}\n" for page in pages)
        file.close()
        return file.name

    plain_urls = url_file("")
    rows = ["| latency | pages | wall s | N x L / C s | N / parse rate s | bound s | x bound | fetch only s | x measured bound |",
            "|---|---|---|---|---|---|---|---|---|"]
    for latency in LATENCIES:
        # The pages without delay and held, in turn: the parse rate is measured beside each
        # latency's runs, so that the machine's drift weighs on both alike.
        held_urls = url_file(f"/held/{latency}")
        plain, held, fetched = [], [], []
        for _ in range(options.repeat):
            plain.append(wall(options.scrape, plain_urls))
            held.append(wall(options.scrape, held_urls))
            fetched.append(wall(options.scrape, held_urls, "--fetch-only"))
        latency_bound = count * latency / CONCURRENCY
        parse_bound = statistics.median(plain)
        bound = max(latency_bound, parse_bound)
        wall_held = statistics.median(held)
        fetch_only = statistics.median(fetched)
        measured = max(fetch_only, parse_bound)
        rows.append(f"| {int(latency * 1000)} ms | {count} | {wall_held:.2f} | {latency_bound:.2f} | {parse_bound:.2f} | {bound:.2f} | "
                    f"{wall_held / bound:.2f} | {fetch_only:.2f} | {wall_held / measured:.2f} |")
    report = (f"{count} pages, concurrency {CONCURRENCY}; N / parse rate is the median wall time of the same pages with no delay, "
              "and fetch only that of the held pages fetched without parsing, each run in turn with the held ones. "
              "The measured bound is the larger of the two.\n\n")
    report += "\n".join(rows) + "\n"
    with open(f"{options.out}/overlap.md", "w") as file:
        file.write(report)
    print(report)


if __name__ == "__main__":
    main()
