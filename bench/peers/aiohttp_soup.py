#!/usr/bin/env python3
"""Peer for `make bench`: what a Python user writes today with asyncio.

One aiohttp session, a semaphore bounding concurrency, and the parse done inline in the event loop
(BeautifulSoup with lxml, or selectolax's lexbor), as the usual tutorials and the seed programs do.
Writes one JSON object per URL on stdout, like scrape, so the bench can count pages and latency.

  aiohttp_soup.py --urls FILE [--tag script] [--concurrency 64] [--parser lxml|lexbor]
                  [--cacert FILE] [--resolve HOST:PORT:ADDRESS ...]

--cacert and --resolve are curl's, for the HTTPS benchmarks (a test CA, many names on loopback).
"""
import argparse
import asyncio
import json
import socket
import ssl
import sys
import time

import aiohttp
from aiohttp.abc import AbstractResolver
from url_list import urls_in


class FixedResolver(AbstractResolver):
    """Answers for the --resolve names, and asks the system for the others."""

    def __init__(self, entries):
        self.entries = {}
        for entry in entries:
            host, port, address = entry.split(":", 2)
            self.entries[(host, int(port))] = address
        self.system = aiohttp.ThreadedResolver()

    async def resolve(self, host, port=0, family=socket.AF_INET):
        address = self.entries.get((host, port))
        if address is None:
            return await self.system.resolve(host, port, family)
        return [{"hostname": host, "host": address, "port": port, "family": socket.AF_INET, "proto": 0,
                 "flags": socket.AI_NUMERICHOST}]

    async def close(self):
        await self.system.close()


def elements(body, tag, parser):
    if parser == "lexbor":
        from selectolax.lexbor import LexborHTMLParser
        return [{"attrs": {k: v or "" for k, v in node.attributes.items()}, "text": node.text(deep=True)}
                for node in LexborHTMLParser(body).css(tag)]
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(body, "lxml")
    return [{"attrs": dict(node.attrs), "text": node.get_text()} for node in soup.find_all(tag)]


async def one(session, limit, url, args):
    async with limit:
        started = time.perf_counter()
        try:
            async with session.get(url) as response:
                body = await response.read()
                status = response.status
        except Exception as error:
            return {"url": url, "ok": False, "error": {"kind": type(error).__name__, "message": str(error)}}
        fetched = time.perf_counter()
        found = elements(body, args.tag, args.parser)
        return {"url": url, "status": status, "ok": 200 <= status < 300, "bytes": len(body),
                "fetch_ms": (fetched - started) * 1000, "parse_ms": (time.perf_counter() - fetched) * 1000,
                "count": len(found), "elements": found}


async def main(args):
    limit = asyncio.Semaphore(args.concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    tls = ssl.create_default_context(cafile=args.cacert) if args.cacert else True
    connector = aiohttp.TCPConnector(limit=args.concurrency, ssl=tls, resolver=FixedResolver(args.resolve))
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        jobs = [one(session, limit, url, args) for url in urls_in(args.urls)]
        for done in asyncio.as_completed(jobs):
            sys.stdout.write(json.dumps(await done, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    options = argparse.ArgumentParser()
    options.add_argument("--urls", required=True)
    options.add_argument("--tag", default="script")
    options.add_argument("--concurrency", type=int, default=64)
    options.add_argument("--parser", choices=["lxml", "lexbor"], default="lxml")
    options.add_argument("--cacert")
    options.add_argument("--resolve", action="append", default=[])
    asyncio.run(main(options.parse_args()))
