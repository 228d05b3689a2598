/// Writes a `Record` as one line of JSON, fields in the contract's order.
///
/// Hand-written rather than `JSONEncoder`: key order is part of the contract, and encoding runs
/// once per page on the hot path, where a general-purpose encoder costs more than the parse.
public enum JSONLineEncoder {
    /// The record as UTF-8 JSON followed by a newline.
    public static func encode(_ record: Record) -> [UInt8] {
        var out: [UInt8] = []
        func size(_ elements: [Element]) -> Int { elements.reduce(0) { $0 + $1.text.utf8.count + 32 * $1.attributes.count } }
        out.reserveCapacity(256 + size(record.elements) + record.selections.reduce(0) { $0 + size($1.elements) })
        out.append(ascii: "{\"index\":"); out.appendNumber(record.index)
        out.append(ascii: ",\"url\":"); out.appendString(record.url)
        if let depth = record.depth {
            out.append(ascii: ",\"depth\":"); out.appendNumber(depth)
            out.append(ascii: ",\"parent\":"); out.appendOptionalString(record.parent)
        }
        out.append(ascii: ",\"final_url\":"); out.appendOptionalString(record.finalURL)
        out.append(ascii: ",\"status\":"); out.appendOptionalNumber(record.status)
        out.append(ascii: ",\"http_version\":"); out.appendOptionalString(record.httpVersion)
        if record.insecure { out.append(ascii: ",\"insecure\":true") }
        out.append(ascii: ",\"ok\":"); out.append(ascii: record.ok ? "true" : "false")
        out.append(ascii: ",\"content_type\":"); out.appendOptionalString(record.contentType)
        out.append(ascii: ",\"charset\":"); out.appendOptionalString(record.charset)
        out.append(ascii: ",\"bytes\":"); out.appendOptionalNumber(record.bytes)
        out.append(ascii: ",\"fetch_ms\":"); out.appendMilliseconds(record.fetchMilliseconds)
        out.append(ascii: ",\"parse_ms\":"); out.appendMilliseconds(record.parseMilliseconds)
        if record.selections.isEmpty {
            out.append(ascii: ",\"tag\":"); out.appendString(record.tag)
            out.appendElements(record.elements)
        } else {
            out.append(ascii: ",\"selections\":{")
            for (position, selection) in record.selections.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out.appendString(selection.name)
                out.append(ascii: ":{\"selector\":"); out.appendString(selection.selector)
                out.appendElements(selection.elements)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(ascii: ",\"error\":")
        if let error = record.error {
            out.append(ascii: "{\"kind\":"); out.appendString(error.kind.rawValue)
            out.append(ascii: ",\"message\":"); out.appendString(error.message)
            out.append(UInt8(ascii: "}"))
        } else {
            out.append(ascii: "null")
        }
        out.append(ascii: "}\n")
        return out
    }
}


extension [UInt8] {
    fileprivate mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// `,"count":N,"elements":[...]`, each element `{"name":…,"attrs":{…},"text":…}`.
    fileprivate mutating func appendElements(_ elements: [ScrapeKit.Element]) {
        append(ascii: ",\"count\":"); appendNumber(elements.count)
        append(ascii: ",\"elements\":[")
        for (position, element) in elements.enumerated() {
            if position > 0 { append(UInt8(ascii: ",")) }
            append(ascii: "{\"name\":"); appendString(element.name)
            append(ascii: ",\"attrs\":{")
            for (number, attribute) in element.attributes.enumerated() {
                if number > 0 { append(UInt8(ascii: ",")) }
                appendString(attribute.name)
                append(UInt8(ascii: ":"))
                appendString(attribute.value)
            }
            append(ascii: "},\"text\":")
            appendString(element.text)
            append(UInt8(ascii: "}"))
        }
        append(UInt8(ascii: "]"))
    }

    fileprivate mutating func appendNumber(_ value: Int) {
        append(contentsOf: String(value).utf8)
    }

    fileprivate mutating func appendOptionalNumber(_ value: Int?) {
        if let value { appendNumber(value) } else { append(ascii: "null") }
    }

    /// Milliseconds to the microsecond: finer digits are noise.
    fileprivate mutating func appendMilliseconds(_ value: Double?) {
        guard let value, value.isFinite else { return append(ascii: "null") }
        append(contentsOf: String((value * 1000).rounded() / 1000).utf8)
    }

    fileprivate mutating func appendOptionalString(_ value: String?) {
        if let value { appendString(value) } else { append(ascii: "null") }
    }

    fileprivate mutating func appendString(_ value: String) {
        JSONString.append(value, to: &self)
    }
}
