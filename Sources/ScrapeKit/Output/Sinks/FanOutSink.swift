/// Several sinks as one: each record goes to every sink in order, also when an earlier one
/// failed; then the first failure is thrown.
public struct FanOutSink: RecordSink {
    public let sinks: [any RecordSink]

    public init(_ sinks: [any RecordSink]) {
        self.sinks = sinks
    }

    public func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        try each { sink throws(SinkError) in try sink.write(record, line: line) }
    }

    public func finish() throws(SinkError) {
        try each { sink throws(SinkError) in try sink.finish() }
    }

    /// Runs `action` on every sink, then throws the first failure if any.
    private func each(_ action: (any RecordSink) throws(SinkError) -> Void) throws(SinkError) {
        var first: SinkError?
        for sink in sinks {
            do { try action(sink) } catch { first = first ?? error }
        }
        if let first { throw first }
    }
}
