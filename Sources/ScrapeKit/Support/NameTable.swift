/// A fixed table from names to values, for lookups made on every tag of every page.
///
/// A `Dictionary` hashes with a seeded SipHash, which costs more than the rest of looking a tag
/// up; names are short and the table is fixed, so FNV-1a and open addressing in a mostly empty
/// array find most names (and most misses) at the first slot.
struct NameTable<Value: Sendable>: Sendable {
    private var slots: [(name: String, value: Value)?]

    init(_ entries: [String: Value]) {
        var size = 64
        while size < entries.count * 4 { size *= 2 }
        slots = Array(repeating: nil, count: size)
        for (name, value) in entries {
            var slot = Int(FNV1a.hash32(name)) & (size - 1)
            while slots[slot] != nil { slot = (slot + 1) & (size - 1) }
            slots[slot] = (name, value)
        }
    }

    subscript(name: String) -> Value? {
        var slot = Int(FNV1a.hash32(name)) & (slots.count - 1)
        while let entry = slots[slot] {
            if entry.name == name { return entry.value }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }
}
