import Foundation

/// One run of the pipeline: the threads of every stage and the hand-offs between them.
///
/// ```
/// reader ─▶ fetch queue ─▶ runner ─▶ parse queue ─▶ parsers ─▶ record channel ─▶ consumer
///   ▲ (a crawl: the frontier)                          │
///   └──────────────── links (a crawl) ─────────────────┘
/// ```
/// The reader admits a URL only when the admission window has room; the consumer frees the
/// room when it takes the URL's record. That single bound covers every queue in between. In a
/// crawl the frontier takes the reader's place: its seeds are the list, and the parsers feed it
/// the links they find.
final class PipelineRun: Sendable {
    let admission: Admission
    let cancellation = Cancellation()
    let fetchQueue: BlockingQueue<InputURL>
    let parseQueue: BlockingQueue<FetchedPage>
    let records = RecordChannel()

    private let options: ScrapeOptions
    private let source: URLSource
    /// The crawl this run is, if it is one.
    let crawl: CrawlCoordinator?
    private let started = Locked(false)
    /// Entered by each stage's threads as they start, left as they return.
    private let threads = DispatchGroup()
    private let live = Locked(0)

    /// Prepares the run; nothing is read, fetched or started until `start()`.
    init(options: ScrapeOptions, source: URLSource, crawl: CrawlCoordinator? = nil) {
        self.options = options
        self.source = source
        self.crawl = crawl
        admission = Admission(window: options.window)
        fetchQueue = BlockingQueue(capacity: options.window)
        parseQueue = BlockingQueue(capacity: options.parseQueueCapacity)
    }

    /// Starts the stages' threads, the first time only.
    func start() {
        guard started.withLock({ started in defer { started = true }; return !started }) else { return }
        start(options: options, source: source)
    }

    /// Threads of this run still running: reader, runner and parsers (a runner returns only
    /// once its own fetch and robots threads have).
    var liveThreads: Int { live.withLock { $0 } }

    /// Returns once every thread of the run has returned (at once if it never started).
    func stopped() async {
        await withCheckedContinuation { continuation in
            threads.notify(queue: .global()) { continuation.resume() }
        }
    }

    /// Stops reading and fetching; URLs already read still get a record (`interrupted` if they
    /// were not fetched), so the stream ends soon after with nothing lost.
    func cancel() {
        crawl?.cancel()
        cancellation.cancel()
        admission.cancel()
        fetchQueue.close()
    }

    private func start(options: ScrapeOptions, source: URLSource) {
        let (admission, cancellation, fetchQueue, parseQueue, records) =
            (self.admission, self.cancellation, self.fetchQueue, self.parseQueue, self.records)
        let crawl = self.crawl
        if let crawl {
            stage(count: 1, name: "frontier") { _ in
                crawl.feed(seeds: source, sitemaps: crawl.readsSitemaps ? SitemapSeeds(policy: options.fetch, cancellation: cancellation) : nil,
                           admission: admission, into: fetchQueue)
            }
        } else {
            stage(count: 1, name: "read") { _ in
                var sequence = 0
                for var url in source where options.selects(url) {
                    url.sequence = sequence
                    url.checked = FetchPolicy.validate(url.url)
                    sequence += 1
                    guard admission.enter(), fetchQueue.push(url) else { break }
                }
                fetchQueue.close()
            }
        }
        var policy = options.fetch
        policy.keepsBodies = !options.fetchOnly
        policy.redirectGuard = crawl
        let runner = options.runner.makeRunner(policy: policy)
        stage(count: 1, name: "runner") { _ in
            runner.run(input: fetchQueue, output: parseQueue, cancellation: cancellation)
        }.whenDone {
            parseQueue.close()
        }
        let parser = PageParser(selections: options.selections, absoluteURLs: options.absoluteURLs, parser: options.parser,
                                following: crawl?.following)
        let assembler = RecordAssembler(parser: parser, parses: !options.fetchOnly, maxDepth: crawl?.maxDepth ?? .max)
        stage(count: max(1, options.parsers), name: "parse") { _ in
            while let page = parseQueue.pop() {
                let (record, parsed) = assembler.assemble(page)
                crawl?.parsed(page, links: parsed?.links ?? [], nofollow: parsed?.nofollow ?? false)
                records.send(record, sequence: page.input.sequence)
            }
        }.whenDone {
            records.finish()
        }
    }

    /// One stage's threads, counted in `liveThreads` and `stopped()`.
    @discardableResult
    private func stage(count: Int, name: String, body: @escaping @Sendable (Int) -> Void) -> WorkerThreads {
        let (threads, live) = (self.threads, self.live)
        threads.enter()
        let workers = WorkerThreads.start(count: count, name: name) { number in
            live.withLock { $0 += 1 }
            body(number)
            live.withLock { $0 -= 1 }
        }
        workers.whenDone { threads.leave() }
        return workers
    }
}
