/// The checks every optimizer makes on its arguments before it takes a single step, in
/// PyTorch's words (`Invalid learning rate: -1.0`), each prefixed with the optimizer's name.

/// Stops unless `parameters` is a non-empty list of leaf tensors (tensors you created, such as
/// `model.parameters()`; a tensor computed from others cannot be updated in place).
func checkParameters(_ parameters: [Tensor], optimizer: String) {
    if parameters.isEmpty {
        failure(
            "\(optimizer): optimizer got an empty parameter list. Pass the tensors to train, "
                + "e.g. \(optimizer)(model.parameters(), lr: 0.01); a model without layers has none.")
    }
    for (index, parameter) in parameters.enumerated() where !parameter.isLeaf {
        failure(
            "\(optimizer): can't optimize a non-leaf Tensor: parameter \(index) (shape "
                + "\(parameter.shape.formatted)) was computed by \(parameter.gradFn!.name). Optimize the leaf tensors it "
                + "came from, or pass .detach() with requiresGrad set.")
    }
}

/// Stops unless `value >= 0`, with PyTorch's message `Invalid <what>: <value>`.
func checkNonNegative(_ value: Float, _ what: String, optimizer: String) {
    if !(value >= 0) {
        failure("\(optimizer): Invalid \(what): \(value) (it must be >= 0)")
    }
}

/// Stops unless `0 <= beta < 1`, with PyTorch's message `Invalid beta parameter at index i: ...`.
func checkBeta(_ beta: Float, index: Int, optimizer: String) {
    if !(beta >= 0 && beta < 1) {
        failure(
            "\(optimizer): Invalid beta parameter at index \(index): \(beta) (each beta must be in [0, 1); "
                + "the defaults are (0.9, 0.999))")
    }
}
