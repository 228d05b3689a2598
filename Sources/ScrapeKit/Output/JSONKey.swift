/// A JSON object key that is data rather than a field name: an attribute's name in `attrs`, a
/// selection's name in `selections`.
///
/// Foundation's `JSONEncoder` and `JSONDecoder` keep no key order, so through them `attrs` and
/// `selections` come back in an order of their own; the command line's lines keep source and
/// given order (`JSONLineEncoder`).
struct JSONKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) {
        stringValue = name
    }

    init(stringValue: String) {
        self.init(stringValue)
    }

    init?(intValue: Int) {
        nil
    }
}
