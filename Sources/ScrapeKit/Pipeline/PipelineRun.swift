/// One run of the pipeline: the threads of every stage and the hand-offs between them.
///
/// ```
/// reader ─▶ fetch queue ─▶ runner ─▶ parse queue ─▶ parsers ─▶ record channel ─▶ consumer
/// ```
/// The reader admits a URL only when the admission window has room; the consumer frees the
/// room when it takes the URL's record. That single bound covers every queue in between.
final class PipelineRun: Sendable {
    let admission: Admission
    let cancellation = Cancellation()
    let fetchQueue: BlockingQueue<InputURL>
    let parseQueue: BlockingQueue<FetchedPage>
    let records = RecordChannel()

    init(options: ScrapeOptions, source: URLSource) {
        admission = Admission(window: options.window)
        fetchQueue = BlockingQueue(capacity: options.window)
        parseQueue = BlockingQueue(capacity: max(2, options.parsers * 2))
        start(options: options, source: source)
    }

    /// Stops reading and fetching; URLs already read still get a record (`interrupted` if they
    /// were not fetched), so the stream ends soon after with nothing lost.
    func cancel() {
        cancellation.cancel()
        admission.cancel()
        fetchQueue.close()
    }

    private func start(options: ScrapeOptions, source: URLSource) {
        let (admission, cancellation, fetchQueue, parseQueue, records) =
            (self.admission, self.cancellation, self.fetchQueue, self.parseQueue, self.records)
        WorkerThreads.start(count: 1, name: "read") { _ in
            var sequence = 0
            for var url in source where options.selects(url) {
                url.sequence = sequence
                sequence += 1
                guard admission.enter(), fetchQueue.push(url) else { break }
            }
            fetchQueue.close()
        }
        var policy = options.fetch
        policy.keepsBodies = !options.fetchOnly
        let runner = options.runner.makeRunner(policy: policy)
        WorkerThreads.start(count: 1, name: "runner") { _ in
            runner.run(input: fetchQueue, output: parseQueue, cancellation: cancellation)
        }.whenDone {
            parseQueue.close()
        }
        let parser = PageParser(selections: options.selections, absoluteURLs: options.absoluteURLs)
        WorkerThreads.start(count: max(1, options.parsers), name: "parse") { _ in
            while let page = parseQueue.pop() {
                records.send(parser.record(for: page, parsing: !options.fetchOnly), sequence: page.input.sequence)
            }
        }.whenDone {
            records.finish()
        }
    }
}
