import ScrapeSystem

/// Writes a `Record` as one line of JSON: the JSON of its `Codable` shape, with the contract's
/// key order (fields as listed, `attrs` in source order, `selections` in the order given).
///
/// Hand-written rather than `JSONEncoder`, which keeps no key order; and encoding runs once per
/// page on the hot path, where a general-purpose encoder costs more than the parse.
package enum JSONLineEncoder {
    /// The record as UTF-8 JSON followed by a newline.
    package static func encode(_ record: Record) -> [UInt8] {
        var out: [UInt8] = []
        func size(_ elements: [Element], _ values: [String]) -> Int {
            elements.reduce(0) { $0 + $1.text.utf8.count + 32 * $1.attributes.count } + values.reduce(0) { $0 + $1.utf8.count + 3 }
        }
        out.reserveCapacity(256 + size(record.elements, record.values) + record.selections.reduce(0) { $0 + size($1.elements, $1.values) })
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
            out.appendResults(record.elements, record.values)
        } else {
            out.append(ascii: ",\"selections\":{")
            for (position, selection) in record.selections.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out.appendString(selection.name)
                out.append(ascii: ":{\"selector\":"); out.appendString(selection.selector)
                out.appendResults(selection.elements, selection.values)
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

    /// `,"count":N,"elements":[...],"values":[...]`, each element `{"name":…,"attrs":{…},"text":…}`;
    /// one of the two lists is empty, and `count` is the other's length.
    fileprivate mutating func appendResults(_ elements: [ScrapeKit.Element], _ values: [String]) {
        append(ascii: ",\"count\":"); appendNumber(elements.count + values.count)
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
        append(ascii: "],\"values\":[")
        for (position, value) in values.enumerated() {
            if position > 0 { append(UInt8(ascii: ",")) }
            appendString(value)
        }
        append(UInt8(ascii: "]"))
    }

    fileprivate mutating func appendNumber(_ value: Int) {
        append(contentsOf: String(value).utf8)
    }

    fileprivate mutating func appendOptionalNumber(_ value: Int?) {
        if let value { appendNumber(value) } else { append(ascii: "null") }
    }

    fileprivate mutating func appendMilliseconds(_ value: Double?) {
        guard let value = Record.reported(value) else { return append(ascii: "null") }
        append(contentsOf: String(value).utf8)
    }

    fileprivate mutating func appendOptionalString(_ value: String?) {
        if let value { appendString(value) } else { append(ascii: "null") }
    }

    fileprivate mutating func appendString(_ value: String) {
        JSONString.append(value, to: &self)
    }
}
