/// Why the agent will not work with a chain or a contract on it (a registry that is not the
/// agent's, a deployment that did not come out as sent): the message names both values.
struct ChainRefusal: Error, CustomStringConvertible {
    let description: String
}
