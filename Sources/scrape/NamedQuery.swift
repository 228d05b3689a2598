/// `NAME=QUERY` or plain `QUERY`: a name is an identifier directly followed by `=`, which no
/// valid selector or expression starts with (`a[href="x"]` has its `=` inside brackets).
struct NamedQuery {
    var name: String?
    var text: String

    init(_ argument: String) {
        let name = argument.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if !name.isEmpty, argument.dropFirst(name.count).first == "=" {
            self.name = String(name)
            text = String(argument.dropFirst(name.count + 1))
        } else {
            text = argument
        }
    }
}
