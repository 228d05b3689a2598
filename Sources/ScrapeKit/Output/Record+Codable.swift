/// The output contract's shape: the keys are the JSON field names, `ok` and `count` are written
/// out, absent values are `null` (`depth` and `parent` appear only in a crawl, `insecure` only
/// when true), and a run of named selections has `selections` in place of `tag`, `count`,
/// `elements` and `values`.
///
/// The command line writes the same record faster with `JSONLineEncoder`, which also keeps the
/// contract's key order; a test holds the two to the same JSON.
extension Record: Codable {
    private enum CodingKeys: String, CodingKey {
        case index, url, depth, parent
        case finalURL = "final_url"
        case status
        case httpVersion = "http_version"
        case insecure, ok
        case contentType = "content_type"
        case charset, bytes
        case fetchMilliseconds = "fetch_ms"
        case parseMilliseconds = "parse_ms"
        case tag, count, elements, values, selections, error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(index: try container.decode(Int.self, forKey: .index), url: try container.decode(String.self, forKey: .url),
                  tag: try container.decodeIfPresent(String.self, forKey: .tag) ?? "")
        depth = try container.decodeIfPresent(Int.self, forKey: .depth)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        finalURL = try container.decodeIfPresent(String.self, forKey: .finalURL)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        httpVersion = try container.decodeIfPresent(String.self, forKey: .httpVersion)
        insecure = try container.decodeIfPresent(Bool.self, forKey: .insecure) ?? false
        contentType = try container.decodeIfPresent(String.self, forKey: .contentType)
        charset = try container.decodeIfPresent(String.self, forKey: .charset)
        bytes = try container.decodeIfPresent(Int.self, forKey: .bytes)
        fetchMilliseconds = try container.decodeIfPresent(Double.self, forKey: .fetchMilliseconds)
        parseMilliseconds = try container.decodeIfPresent(Double.self, forKey: .parseMilliseconds)
        elements = try container.decodeIfPresent([Element].self, forKey: .elements) ?? []
        values = try container.decodeIfPresent([String].self, forKey: .values) ?? []
        if container.contains(.selections) {
            let named = try container.nestedContainer(keyedBy: JSONKey.self, forKey: .selections)
            selections = try named.allKeys.map { key in
                var selection = try named.decode(SelectionResult.self, forKey: key)
                selection.name = key.stringValue
                return selection
            }
        }
        error = try container.decodeIfPresent(ScrapeError.self, forKey: .error)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(url, forKey: .url)
        if let depth {
            try container.encode(depth, forKey: .depth)
            try container.encode(parent, forKey: .parent)
        }
        try container.encode(finalURL, forKey: .finalURL)
        try container.encode(status, forKey: .status)
        try container.encode(httpVersion, forKey: .httpVersion)
        if insecure { try container.encode(true, forKey: .insecure) }
        try container.encode(ok, forKey: .ok)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(charset, forKey: .charset)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(Self.reported(fetchMilliseconds), forKey: .fetchMilliseconds)
        try container.encode(Self.reported(parseMilliseconds), forKey: .parseMilliseconds)
        if selections.isEmpty {
            try container.encode(tag, forKey: .tag)
            try container.encode(elements.count + values.count, forKey: .count)
            try container.encode(elements, forKey: .elements)
            try container.encode(values, forKey: .values)
        } else {
            var named = container.nestedContainer(keyedBy: JSONKey.self, forKey: .selections)
            for selection in selections {
                try named.encode(selection, forKey: JSONKey(selection.name))
            }
        }
        try container.encode(error, forKey: .error)
    }

    /// A duration as records give it: milliseconds to the microsecond (finer digits are noise),
    /// nil for none or a value that is not finite.
    static func reported(_ milliseconds: Double?) -> Double? {
        guard let milliseconds, milliseconds.isFinite else { return nil }
        return (milliseconds * 1000).rounded() / 1000
    }
}
