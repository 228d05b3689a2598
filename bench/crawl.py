"""make bench's crawl scenario: scrape --crawl beside Scrapy's CrawlSpider, wget --recursive and
scrape over the same pages as a list, on a generated site of 11,111 pages (a tree of ten links a
page, depths 0-4) served by nginx. Pages are counted from nginx's access log, so every contender is
measured the same way; peak RSS by GNU time. Medians of REPEAT runs; a contender whose first run
takes over 60 s runs once.

    python3 bench/crawl.py --port PORT --log ACCESS_LOG --scrape BIN --repeat 3 --out bench/results

Latency-bound: /slowtree/, each page held 50 ms, 64 in flight; the ideal is
pages x 50 ms / 64 + depth x 50 ms (every level's last page waits on the one before).
Throughput-bound: /page-tree/, 16 KB pages, no delay.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

DEPTH = 4
PAGES = sum(10 ** depth for depth in range(DEPTH + 1))
CONCURRENCY = 64


def run(command, log, stdin=None):
    """Wall seconds, peak RSS MB and pages the server served for one run of `command`."""
    before = os.path.getsize(log)
    with tempfile.NamedTemporaryFile() as timing:
        started = time.monotonic()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name] + command, check=True,
                       stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - started
        rss = int(open(timing.name).read().split()[-1]) / 1024
    with open(log, "rb") as lines:
        lines.seek(before)
        pages = sum(1 for line in lines if b" 200" in line and b"/robots.txt" not in line)
    return wall, rss, pages


def measure(name, command, log, repeat, stdin_path=None):
    runs = []
    for attempt in range(repeat):
        with open(stdin_path or os.devnull) as stdin:
            runs.append(run(command, log, stdin))
        if attempt == 0 and runs[0][0] > 60:
            break
    return summary(name, runs)


def measure_alternating(contenders, log, repeat):
    """`measure` for several (name, command, stdin_path) contenders, their runs taken in turn, so
    that the machine's drift over the minutes of a run weighs on each alike: the crawl and the
    same pages as a list are compared by ratio."""
    runs = [[] for _ in contenders]
    for _ in range(repeat):
        for index, (_, command, stdin_path) in enumerate(contenders):
            with open(stdin_path or os.devnull) as stdin:
                runs[index].append(run(command, log, stdin))
    return [summary(name, taken) for (name, _, _), taken in zip(contenders, runs)]


def summary(name, runs):
    wall = statistics.median(r[0] for r in runs)
    return {"contender": name + ("" if len(runs) > 1 else " (1 run)"), "runs": len(runs), "wall": wall,
            "pages": statistics.median(r[2] for r in runs), "rss": statistics.median(r[1] for r in runs)}


def table(title, rows, ideal=None, ideal_label=""):
    out = [f"**{title}**", "", "| contender | pages | wall s | pages/s | peak RSS MB | x ideal |", "|---|---|---|---|---|---|"]
    for row in rows:
        rate = row["pages"] / row["wall"] if row["wall"] else 0
        factor = f"{row['wall'] / ideal:.2f}" if ideal else "-"
        out.append(f"| {row['contender']} | {int(row['pages'])} | {row['wall']:.2f} | {rate:.1f} | {row['rss']:.1f} | {factor} |")
    if ideal:
        out.append(f"| ideal ({ideal_label}) | {PAGES} | {ideal:.2f} | {PAGES / ideal:.1f} | - | 1.00 |")
    return "\n".join(out) + "\n"


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--port", type=int, required=True)
    arguments.add_argument("--log", required=True)
    arguments.add_argument("--scrape", required=True)
    arguments.add_argument("--repeat", type=int, default=3)
    arguments.add_argument("--out", default="bench/results")
    options = arguments.parse_args()
    base = f"http://127.0.0.1:{options.port}"
    scrape = [options.scrape, "--urls", "-", "--crawl", "--max-depth", str(DEPTH), "--concurrency", str(CONCURRENCY),
              "--per-host", str(CONCURRENCY), "--quiet"]
    scrapy = ["python3", "bench/peers/scrapy_crawl.py", "--depth", str(DEPTH), "--concurrency", str(CONCURRENCY)]
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        def seed(path):
            name = os.path.join(scratch, path.strip("/").replace("/", "-") + ".txt")
            with open(name, "w") as file:
                file.write(f"{base}{path}\n")
            return name

        latency_seed = seed("/slowtree/")
        latency = [
            measure("scrape --crawl", scrape, options.log, options.repeat, latency_seed),
            measure("Scrapy CrawlSpider", scrapy + [f"{base}/slowtree/"], options.log, options.repeat),
        ]
        ideal = PAGES * 0.05 / CONCURRENCY + DEPTH * 0.05
        results["latency"] = latency

        page_seed = seed("/page-tree/")
        listed = os.path.join(scratch, "page-tree-urls.txt")
        with open(listed, "w") as file:
            for depth in range(DEPTH + 1):
                for node in range(10 ** depth):
                    file.write(f"{base}/page-tree/{str(node).zfill(depth) if depth else ''}\n")
        throughput = measure_alternating([
            ("scrape --crawl", scrape, page_seed),
            ("scrape, the same pages as a list", [options.scrape, "--urls", listed, "--concurrency", str(CONCURRENCY),
             "--per-host", str(CONCURRENCY), "--quiet"], None),
        ], options.log, 2 * options.repeat + 1) + [
            measure("Scrapy CrawlSpider", scrapy + [f"{base}/page-tree/"], options.log, options.repeat),
            measure("wget --recursive", ["wget", "-r", "-l", str(DEPTH), "-np", "-nd", "--delete-after", "-q", "-e", "robots=off",
                    "-P", os.path.join(scratch, "wget"), f"{base}/page-tree/"], options.log, options.repeat),
        ]
        results["throughput"] = throughput
    report = table(f"Crawl, latency-bound: {PAGES:,} pages (depth {DEPTH}), 50 ms each, {CONCURRENCY} in flight", latency,
                   ideal, f"{PAGES:,} x 50 ms / {CONCURRENCY} + {DEPTH} x 50 ms")
    report += "\n" + table(f"Crawl, throughput-bound: {PAGES:,} pages of 16 KB (depth {DEPTH}), no delay", throughput)
    os.makedirs(options.out, exist_ok=True)
    with open(os.path.join(options.out, "crawl.md"), "w") as file:
        file.write(report)
    with open(os.path.join(options.out, "crawl.json"), "w") as file:
        json.dump(results, file, indent=2)
    print(report)


if __name__ == "__main__":
    main()
