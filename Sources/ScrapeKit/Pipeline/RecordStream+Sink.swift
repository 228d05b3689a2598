extension RecordStream {
    /// Runs the stream into `sink`: each record encoded once as a JSON line and written,
    /// then `finish()` once the run is over, so a sink that buffers or closes files has the last
    /// word. The first failed write stops the run; the records already in flight drain without
    /// being written, and that failure is thrown after `finish()`.
    ///
    /// - Returns: the totals of the records the sink kept.
    @discardableResult
    public func write(to sink: some RecordSink) async throws(SinkError) -> RunSummary {
        var summary = RunSummary()
        var failure: SinkError?
        for await record in self where failure == nil {
            do {
                try sink.write(record, line: JSONLineEncoder.encode(record))
                summary.add(record)
            } catch {
                failure = error
                cancel()
            }
        }
        do { try sink.finish() } catch { failure = failure ?? error }
        if let failure { throw failure }
        return summary
    }
}
