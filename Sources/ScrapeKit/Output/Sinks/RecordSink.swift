/// Somewhere records go: standard output, a directory of files, a `--resume` log, a store of
/// your own. The command line writes every record to its sinks before it shows it, so a record
/// seen on stdout is already kept.
public protocol RecordSink: Sendable {
    /// Keeps one record, or throws why it could not; the caller decides whether the run goes on.
    /// - Parameters:
    ///   - record: the record.
    ///   - line: the same record as one JSON line of the contract, newline included, encoded
    ///     once for all the sinks a record goes to.
    func write(_ record: Record, line: [UInt8]) throws(SinkError)

    /// No more records will come: flush, close, report what could not be finished.
    func finish() throws(SinkError)
}

extension RecordSink {
    /// Nothing to flush: every `write` is complete when it returns.
    public func finish() throws(SinkError) {}
}
