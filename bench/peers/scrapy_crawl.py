"""The Scrapy peer of `make bench`'s crawl scenario: a CrawlSpider following every link within the
seed's host to a depth limit, counting each page's <script> elements as scrape --tag script does.

    python3 bench/peers/scrapy_crawl.py URL --depth 4 --concurrency 64

Scrapy's own settings for a polite, bounded crawl: DEPTH_LIMIT, allowed_domains, the
duplicate filter (on by default), CONCURRENT_REQUESTS and CONCURRENT_REQUESTS_PER_DOMAIN.
Breadth-first order (SCHEDULER_*_QUEUE FIFO), as Scrapy's documentation advises for broad crawls.
"""
import argparse
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule


class SiteSpider(CrawlSpider):
    name = "site"
    rules = (Rule(LinkExtractor(), callback="parse_item", follow=True),)

    def __init__(self, seed, **kwargs):
        self.start_urls = [seed]
        self.allowed_domains = [urlsplit(seed).hostname]
        super().__init__(**kwargs)

    def parse_start_url(self, response, **kwargs):
        return self.parse_item(response)

    def parse_item(self, response):
        yield {"url": response.url, "count": len(response.css("script"))}


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("seed")
    arguments.add_argument("--depth", type=int, default=4)
    arguments.add_argument("--concurrency", type=int, default=64)
    options = arguments.parse_args()
    process = CrawlerProcess(settings={
        "DEPTH_LIMIT": options.depth,
        "CONCURRENT_REQUESTS": options.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "ROBOTSTXT_OBEY": False,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "RETRY_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    })
    process.crawl(SiteSpider, seed=options.seed)
    process.start()


if __name__ == "__main__":
    main()
