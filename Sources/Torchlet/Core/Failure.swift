/// Stops the program with a message that says what went wrong, where, and how to fix it.
///
/// Torchlet's operations trap on misuse (a shape mismatch, a dimension out of range), as
/// Swift does for an array index out of range, but always with a message that names the
/// operation and the shapes, in PyTorch's words where PyTorch has them. `fatalError` keeps its
/// message in optimised builds, where `precondition` would drop it.
@inline(never)
func failure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}
