/// Where a wire or a constraint was made: a scope node plus a local name and optional index.
struct NameRecord: Sendable {
    var scope: Int32
    var name: Int32
    var index: Int32
}

/// One level of the hierarchical naming (`trace[3]`, `signature`, ...).
struct ScopeNode: Sendable {
    var parent: Int32
    var name: Int32
    var index: Int32
}

/// Interned names and the scope tree of a constraint system. Names are static strings, interned
/// by address, so labelling a constraint costs a pointer lookup and twelve bytes.
struct NameTable {
    private(set) var strings: [String] = [""]
    private var byAddress: [UnsafeRawPointer: Int32] = [:]
    private var byText: [String: Int32] = ["": 0]
    private(set) var scopes: [ScopeNode] = [ScopeNode(parent: -1, name: 0, index: -1)]

    mutating func intern(_ name: StaticString) -> Int32 {
        if name.hasPointerRepresentation {
            let key = UnsafeRawPointer(name.utf8Start)
            if let id = byAddress[key] { return id }
            let id = intern(text: name.description)
            byAddress[key] = id
            return id
        }
        return intern(text: name.description)
    }

    mutating func intern(text: String) -> Int32 {
        if let id = byText[text] { return id }
        let id = Int32(strings.count)
        strings.append(text)
        byText[text] = id
        return id
    }

    mutating func addScope(parent: Int32, name: Int32, index: Int32) -> Int32 {
        scopes.append(ScopeNode(parent: parent, name: name, index: index))
        return Int32(scopes.count - 1)
    }

    /// `name` or `name[index]`.
    func component(_ name: Int32, _ index: Int32) -> String {
        index < 0 ? strings[Int(name)] : "\(strings[Int(name)])[\(index)]"
    }

    /// The dotted path of a scope, outermost first (empty for the root).
    func path(_ scope: Int32) -> [String] {
        var parts: [String] = []
        var s = scope
        while s > 0 {
            let node = scopes[Int(s)]
            parts.append(component(node.name, node.index))
            s = node.parent
        }
        return parts.reversed()
    }

    /// The full label of a record, e.g. `trace[3].signature.S < l`.
    func label(_ record: NameRecord) -> String {
        (path(record.scope) + [component(record.name, record.index)]).joined(separator: ".")
    }
}
