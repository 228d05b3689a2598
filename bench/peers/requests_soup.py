#!/usr/bin/env python3
"""Peer for `make bench`: `requests` and BeautifulSoup(lxml), in a loop or on a thread pool.

  requests_soup.py --urls FILE [--tag script] [--threads 1]

With --threads 1 this is the `for url in urls: requests.get(url)` loop; with more, the
ThreadPoolExecutor version. One JSON object per URL on stdout.
"""
import argparse
import concurrent.futures
import json
import sys
import threading
import time

import requests
from bs4 import BeautifulSoup
from url_list import urls_in

local = threading.local()


def one(url, tag):
    session = getattr(local, "session", None) or requests.Session()
    local.session = session
    started = time.perf_counter()
    try:
        response = session.get(url, timeout=30)
        body = response.content
    except Exception as error:
        return {"url": url, "ok": False, "error": {"kind": type(error).__name__, "message": str(error)}}
    fetched = time.perf_counter()
    soup = BeautifulSoup(body, "lxml")
    found = [{"attrs": dict(node.attrs), "text": node.get_text()} for node in soup.find_all(tag)]
    return {"url": url, "status": response.status_code, "ok": response.ok, "bytes": len(body),
            "fetch_ms": (fetched - started) * 1000, "parse_ms": (time.perf_counter() - fetched) * 1000,
            "count": len(found), "elements": found}


def main(args):
    write = lambda record: sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.threads == 1:
        for url in urls_in(args.urls):
            write(one(url, args.tag))
        return
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        for record in pool.map(lambda url: one(url, args.tag), urls_in(args.urls)):
            write(record)


if __name__ == "__main__":
    options = argparse.ArgumentParser()
    options.add_argument("--urls", required=True)
    options.add_argument("--tag", default="script")
    options.add_argument("--threads", type=int, default=1)
    main(options.parse_args())
