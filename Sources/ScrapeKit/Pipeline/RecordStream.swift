/// The records of one run, as they complete or in input order.
///
/// Single-pass: iterate it once. The run starts with the first `next()` and lives as long as its
/// iterator: a `break` out of the loop, dropping the iterator, or cancelling the iterating task
/// stops it, and its threads and libcurl handles are freed. Taking a record frees its place in
/// the pipeline, so a slow consumer slows the fetching rather than piling up memory.
public struct RecordStream: AsyncSequence, Sendable {
    let run: PipelineRun
    let ordered: Bool

    /// Stops the run: no new URLs are read or fetched, and every URL already read still gets its
    /// record (`interrupted` when its fetch did not finish).
    public func cancel() {
        run.cancel()
    }

    /// URLs read from the list whose records have not been handed out yet: being fetched,
    /// waiting for their host, being parsed, or waiting for an earlier record (`ordered`).
    public var inFlight: Int {
        run.admission.occupied
    }

    /// In a crawl, what it did with the links it found so far; nil for a list.
    public var crawlStatistics: CrawlStatistics? {
        run.crawl?.currentStatistics
    }

    /// In a crawl, why its state could not be kept (the crawl then stopped early); nil otherwise.
    public var crawlError: (any Error)? {
        run.crawl?.error
    }

    /// The one iterator of the run; see the note on single-pass use above.
    public func makeAsyncIterator() -> Iterator {
        Iterator(run: run, ordered: ordered)
    }

    /// Hands out records, reordering them by list position when the stream is `ordered`.
    public struct Iterator: AsyncIteratorProtocol {
        private let lifetime: Lifetime
        let ordered: Bool
        /// Records that completed before an earlier one, by sequence (ordered mode only).
        private var waiting: [Int: Record] = [:]
        private var nextSequence = 0
        /// The record handed out last: once the consumer asks for the next one, it has dealt
        /// with it, and a crawl marks its page done.
        private var previous: Record?

        init(run: PipelineRun, ordered: Bool) {
            lifetime = Lifetime(run: run)
            self.ordered = ordered
        }

        private var run: PipelineRun { lifetime.run }

        /// The next record, or nil once every URL read has had its record. Cancelling the
        /// calling task stops the run; the records of URLs already read still come.
        public mutating func next() async -> Record? {
            run.start()
            let run = self.run
            if let previous {
                run.crawl?.written(previous)
                self.previous = nil
            }
            return await withTaskCancellationHandler {
                await nextRecord()
            } onCancel: {
                run.cancel()
            }
        }

        private mutating func nextRecord() async -> Record? {
            guard ordered else { return handOut(await run.records.receive()?.record) }
            while true {
                if let record = waiting.removeValue(forKey: nextSequence) {
                    nextSequence += 1
                    return handOut(record)
                }
                guard let (record, sequence) = await run.records.receive() else {
                    // Only after a cancel can sequences be missing; hand out what remains in order.
                    guard let first = waiting.keys.min() else { return nil }
                    nextSequence = first
                    continue
                }
                waiting[sequence] = record
            }
        }

        private mutating func handOut(_ record: Record?) -> Record? {
            if record != nil { run.admission.leave() }
            previous = record
            return record
        }
    }

    /// Stops the run when the last copy of its iterator goes: nobody can take its records any
    /// more, so fetching them would only hold threads and connections.
    private final class Lifetime: Sendable {
        let run: PipelineRun

        init(run: PipelineRun) {
            self.run = run
        }

        deinit {
            run.cancel()
        }
    }
}
