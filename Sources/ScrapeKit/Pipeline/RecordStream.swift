/// The records of one run, as they complete or in input order.
///
/// Single-pass: iterate it once. Taking a record frees its place in the pipeline, so a slow
/// consumer slows the fetching rather than piling up memory.
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

    /// The one iterator of the run; see the note on single-pass use above.
    public func makeAsyncIterator() -> Iterator {
        Iterator(run: run, ordered: ordered)
    }

    /// Hands out records, reordering them by list position when the stream is `ordered`.
    public struct Iterator: AsyncIteratorProtocol {
        let run: PipelineRun
        let ordered: Bool
        /// Records that completed before an earlier one, by sequence (ordered mode only).
        private var waiting: [Int: Record] = [:]
        private var nextSequence = 0

        init(run: PipelineRun, ordered: Bool) {
            self.run = run
            self.ordered = ordered
        }

        /// The next record, or nil once every URL read has had its record.
        public mutating func next() async -> Record? {
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

        private func handOut(_ record: Record?) -> Record? {
            if record != nil { run.admission.leave() }
            return record
        }
    }
}
