/// The base class of every layer and network, PyTorch's `nn.Module`.
///
/// A module holds parameters (tensors it learns) and submodules, and computes its output in
/// `forward(_:)`. Call it like a function: `model(x)`. Parameters and submodules are found
/// the way PyTorch finds them, from the module's stored properties, so a network reads as a
/// list of its parts:
///
///     final class XORClassifier: Module {
///         let linear1 = Linear(2, 4)
///         let activation = Tanh()
///         let linear2 = Linear(4, 1)
///
///         override func forward(_ x: Tensor) -> Tensor {
///             linear2(activation(linear1(x)))
///         }
///     }
///
///     let model = XORClassifier()
///     print(model)                       // XORClassifier(\n  (linear1): Linear(in_features=2, ...
///     model.namedParameters()            // linear1.weight, linear1.bias, linear2.weight, ...
///
/// What counts as what:
/// - a stored `Tensor` (or `Tensor?`) that requires a gradient is a **parameter**, named after
///   the property (`weight`); one that does not is a **buffer**: saved in the state, not trained;
/// - a stored `Module` (or `Module?`) is a **submodule**, and a stored `[Module]` holds
///   submodules named `0`, `1`, ... (as in `Sequential`).
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (the default) or evaluation mode. Layers such as
    /// `Dropout` behave differently in the two; switch with `train()` and `eval()`.
    public private(set) var isTraining = true

    public init() {}

    /// Computes the module's output. Subclasses override this.
    open func forward(_ input: Tensor) -> Tensor {
        failure("\(typeName).forward(_:) is not implemented: a Module subclass must override forward(_:)")
    }

    /// Runs `forward(_:)`: `model(x)` as in PyTorch. A misuse inside (an input of the wrong
    /// shape) stops with a message naming this call's line (`file`, `line`; see `failure`).
    public func callAsFunction(_ input: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        calledFrom(file, line) { forward(input) }
    }

    /// The part of the printed description between the parentheses, such as
    /// `in_features=2, out_features=4, bias=True` (PyTorch's `extra_repr`). Empty by default.
    open var extraDescription: String { "" }

    /// The name printed for this module: its type's name.
    open var typeName: String { String(describing: type(of: self)) }

    // MARK: Structure

    /// The direct submodules, with their names, in declaration order.
    open var children: [(name: String, module: Module)] {
        storedProperties.compactMap { name, value in
            (value as? Module).map { (name, $0) }
        }
            + storedProperties.flatMap { name, value -> [(name: String, module: Module)] in
                guard let list = value as? [Module] else { return [] }
                return list.enumerated().map {
                    (name == "layers" ? "\($0.offset)" : "\(name).\($0.offset)", $0.element)
                }
            }
    }

    /// The tensors stored directly in this module (parameters and buffers), with their names.
    open var ownTensors: [(name: String, tensor: Tensor)] {
        storedProperties.compactMap { name, value in (value as? Tensor).map { (name, $0) } }
    }

    /// Every parameter of this module and its submodules, in order: what an optimizer updates.
    public func parameters() -> [Tensor] {
        namedParameters().map(\.tensor)
    }

    /// Every parameter with its dotted name, such as `linear1.weight` or `0.bias`.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        namedTensors().filter { $0.tensor.requiresGrad }
    }

    /// Every parameter and buffer with its dotted name: what `stateDict()` saves.
    public func namedTensors() -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = []
        var seen = Set<ObjectIdentifier>()
        // Depth-first with an explicit stack: (module, prefix).
        var stack: [(Module, String)] = [(self, "")]
        while let (module, prefix) = stack.popLast() {
            for (name, tensor) in module.ownTensors where seen.insert(ObjectIdentifier(tensor)).inserted {
                result.append((prefix + name, tensor))
            }
            for (name, child) in module.children.reversed() {
                stack.append((child, prefix + name + "."))
            }
        }
        return result
    }

    /// The number of numbers the module learns.
    public var parameterCount: Int {
        parameters().reduce(0) { $0 + $1.count }
    }

    // MARK: Modes and gradients

    /// Switches this module and every submodule to training mode (or to evaluation mode with
    /// `false`).
    public func train(_ mode: Bool = true) {
        var stack: [Module] = [self]
        while let module = stack.popLast() {
            module.isTraining = mode
            stack.append(contentsOf: module.children.map(\.module))
        }
    }

    /// Switches this module and every submodule to evaluation mode: `train(false)`.
    public func eval() {
        train(false)
    }

    /// Clears the gradient of every parameter (sets it to `nil`, as PyTorch does by default).
    public func zeroGrad() {
        for parameter in parameters() { parameter.zeroGrad() }
    }

    // MARK: Printing

    /// The module as PyTorch prints it:
    ///
    ///     Sequential(
    ///       (0): Linear(in_features=2, out_features=4, bias=True)
    ///       (1): Tanh()
    ///     )
    public var description: String {
        let inner = children
        guard !inner.isEmpty else { return "\(typeName)(\(extraDescription))" }
        var lines = ["\(typeName)(" + extraDescription]
        for (name, child) in inner {
            let text = child.description.replacingOccurrences(of: "\n", with: "\n  ")
            lines.append("  (\(name)): \(text)")
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    /// The stored properties of this object and its superclasses, by reflection.
    private var storedProperties: [(String, Any)] {
        var properties: [(String, Any)] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        var levels: [Mirror] = []
        while let current = mirror {
            levels.append(current)
            mirror = current.superclassMirror
        }
        // Superclass properties first, as they are declared first.
        for level in levels.reversed() {
            for child in level.children {
                guard var name = child.label, name != "isTraining" else { continue }
                if name.hasPrefix("_") { name.removeFirst() }  // property wrappers, lazy storage
                properties.append((name, unwrapped(child.value)))
            }
        }
        return properties
    }

    private func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional, let first = mirror.children.first { return first.value }
        return value
    }
}
