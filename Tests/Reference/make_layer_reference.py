"""Reference numbers for Torchlet's layers (nn.Conv2d, nn.MaxPool2d, activations, Flatten,
Dropout, nn.init), computed by PyTorch.

What it computes
    - For each layer case (Conv2d with stride, padding, rectangular kernels and no bias;
      MaxPool2d with padding, stride != kernel and overlapping windows; PReLU with one and with
      per-channel slopes; ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax, Flatten): the
      input, the layer's weights, the output, and the gradients of the input and of every
      parameter after backward() from a fixed random upstream gradient (saved as "upstream":
      the loss is sum(output * upstream), so every output element matters).
    - Printed forms: repr() of each module the tests build, including the CNN lesson's network,
      and that network's parameter count.
    - nn.init: calculate_gain for every nonlinearity, and the bound (uniform variants) or
      standard deviation (normal variants) torch computes for a few weight shapes and options.

    Inputs and weights are drawn from a seeded generator and rounded to 4 decimals; the Swift
    tests read them from the fixture and never depend on matching PyTorch's random numbers.

How to rerun it (from the package root)
    /opt/torch-venv/bin/python Tests/Reference/make_layer_reference.py

It writes Tests/TorchletTests/Fixtures/layers.json:
    {"torch": version,
     "cases": [{"name", "layer", "options", "input", "upstream", "output", "inputGrad",
                optional "weight", "bias", "weightGrad", "biasGrad"}],
     "reprs": [{"name", "repr"}], "parameterCounts": [{"name", "count"}],
     "gains": [{"nonlinearity", "param", "gain"}],
     "initScales": [{"function", "shape", "options", "bound" or "std"}]}
    with every tensor as {"shape": [...], "values": [flat row-major floats]}.
"""

import json
import math
import os

import torch
import torch.nn as nn

torch.set_default_dtype(torch.float32)
generator = torch.Generator().manual_seed(2025)


def rounded(t):
    return torch.round(t * 10000) / 10000


def randn(*shape):
    return rounded(torch.randn(*shape, generator=generator))


def encoded(t):
    values = [float(v) for v in t.detach().reshape(-1).tolist()]
    for v in values:
        if not math.isfinite(v):
            raise ValueError(f"non-finite value {v} cannot go into JSON")
    return {"shape": list(t.shape), "values": values}


cases = []


def add_case(name, layer, module, input_shape, options=None):
    """Runs `module` on a random input, backward from a random upstream gradient."""
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.copy_(randn(*parameter.shape))
    x = randn(*input_shape).requires_grad_(True)
    y = module(x)
    upstream = randn(*y.shape)
    (y * upstream).sum().backward()
    case = {"name": name, "layer": layer, "options": options or {}, "input": encoded(x),
            "upstream": encoded(upstream), "output": encoded(y), "inputGrad": encoded(x.grad)}
    for key in ("weight", "bias"):
        parameter = getattr(module, key, None)
        if isinstance(parameter, torch.Tensor):
            case[key] = encoded(parameter)
            case[key + "Grad"] = encoded(parameter.grad)
    cases.append(case)
    print(f"{name}: {list(x.shape)} -> {list(y.shape)}")


# Conv2d: options are kernel (kH, kW), stride, padding, bias
def conv(name, cin, cout, kernel, stride, padding, bias, input_shape):
    module = nn.Conv2d(cin, cout, kernel, stride=stride, padding=padding, bias=bias)
    add_case(name, "conv2d", module, input_shape,
             {"in": cin, "out": cout, "kernel": list(module.kernel_size), "stride": list(module.stride),
              "padding": list(module.padding), "bias": bias})


conv("conv 3x3", 2, 3, 3, 1, 0, True, (2, 2, 5, 5))
conv("conv 3x3 padding 1", 2, 3, 3, 1, 1, True, (2, 2, 5, 5))
conv("conv 3x3 stride 2 padding 1", 3, 2, 3, 2, 1, True, (2, 3, 7, 6))
conv("conv 3x2 stride (2, 1) padding (1, 0) no bias", 2, 4, (3, 2), (2, 1), (1, 0), False, (1, 2, 6, 5))
conv("conv 5x5 padding 2 stride 3", 1, 2, 5, 3, 2, True, (3, 1, 8, 8))
conv("conv 1x1", 4, 2, 1, 1, 0, True, (2, 4, 3, 3))


def pool(name, kernel, stride, padding, input_shape):
    module = nn.MaxPool2d(kernel, stride=stride, padding=padding)
    add_case(name, "maxpool2d", module, input_shape,
             {"kernel": kernel, "stride": stride if stride is not None else kernel, "padding": padding})


pool("maxpool 2", 2, None, 0, (2, 3, 6, 6))
pool("maxpool 2 stride 2 padding 1", 2, 2, 1, (2, 2, 7, 7))
pool("maxpool 3 stride 1 (overlapping)", 3, 1, 0, (1, 2, 5, 5))
pool("maxpool 3 stride 2 padding 1", 3, 2, 1, (2, 1, 6, 5))

add_case("prelu one slope", "prelu", nn.PReLU(), (3, 4), {"numParameters": 1})
add_case("prelu per channel [N, C]", "prelu", nn.PReLU(3), (4, 3), {"numParameters": 3})
add_case("prelu per channel [N, C, H, W]", "prelu", nn.PReLU(3), (2, 3, 2, 2), {"numParameters": 3})
add_case("relu", "relu", nn.ReLU(), (3, 5))
add_case("leaky relu 0.2", "leakyRelu", nn.LeakyReLU(0.2), (3, 5), {"negativeSlope": 0.2})
add_case("sigmoid", "sigmoid", nn.Sigmoid(), (3, 5))
add_case("tanh", "tanh", nn.Tanh(), (3, 5))
add_case("softmax dim 1", "softmax", nn.Softmax(dim=1), (3, 5), {"dim": 1})
add_case("log softmax dim -1", "logSoftmax", nn.LogSoftmax(dim=-1), (2, 3, 4), {"dim": -1})
add_case("flatten", "flatten", nn.Flatten(), (2, 3, 2, 2), {"startDim": 1, "endDim": -1})
add_case("flatten 0..1", "flatten", nn.Flatten(0, 1), (2, 3, 2), {"startDim": 0, "endDim": 1})

# The CNN of the MNIST lesson.
cnn = nn.Sequential(
    nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, stride=2, padding=1),
    nn.Flatten(), nn.Linear(2048, 625), nn.ReLU(), nn.Dropout(0.5), nn.Linear(625, 10))
assert cnn(torch.zeros(2, 1, 28, 28)).shape == (2, 10)

modules = {
    "cnn": cnn,
    "conv": nn.Conv2d(1, 32, 3, padding=1),
    "conv no padding": nn.Conv2d(3, 8, 5),
    "conv rectangular no bias": nn.Conv2d(2, 4, (3, 2), stride=(2, 1), padding=(1, 0), bias=False),
    "maxpool": nn.MaxPool2d(2),
    "maxpool pairs": nn.MaxPool2d((2, 2), stride=(1, 1), padding=(1, 1)),
    "maxpool stride padding": nn.MaxPool2d(3, stride=2, padding=1),
    "relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "tanh": nn.Tanh(),
    "leaky relu": nn.LeakyReLU(), "leaky relu 0.2": nn.LeakyReLU(0.2),
    "prelu": nn.PReLU(), "prelu 3": nn.PReLU(3),
    "softmax": nn.Softmax(dim=1), "log softmax": nn.LogSoftmax(dim=-1),
    "flatten": nn.Flatten(), "dropout": nn.Dropout(), "dropout 0.25": nn.Dropout(0.25),
}
reprs = [{"name": name, "repr": repr(module)} for name, module in modules.items()]
parameter_counts = [{"name": name, "count": sum(p.numel() for p in module.parameters())}
                    for name, module in modules.items()]
print(repr(cnn))

gains = []
for nonlinearity, param in [("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None),
                            ("conv_transpose1d", None), ("conv_transpose2d", None),
                            ("conv_transpose3d", None), ("sigmoid", None), ("tanh", None),
                            ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2),
                            ("leaky_relu", math.sqrt(5)), ("selu", None)]:
    gains.append({"nonlinearity": nonlinearity, "param": param,
                  "gain": nn.init.calculate_gain(nonlinearity, param)})


def init_scale(function, shape, **options):
    """The bound or std that torch.nn.init's function uses, computed as it does."""
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(torch.empty(*shape))
    if function in ("xavier_uniform_", "xavier_normal_"):
        std = options.get("gain", 1.0) * math.sqrt(2.0 / float(fan_in + fan_out))
    else:
        fan = fan_in if options.get("mode", "fan_in") == "fan_in" else fan_out
        gain = nn.init.calculate_gain(options.get("nonlinearity", "leaky_relu"), options.get("a", 0))
        std = gain / math.sqrt(fan)
    entry = {"function": function, "shape": list(shape), "options": options, "fanIn": fan_in, "fanOut": fan_out}
    if function.endswith("uniform_"):
        entry["bound"] = math.sqrt(3.0) * std
    else:
        entry["std"] = std
    # The samples must agree with the formula.
    t = getattr(nn.init, function)(torch.empty(*shape), **options)
    if "bound" in entry:
        assert t.abs().max().item() <= entry["bound"] + 1e-6
    return entry


init_scales = [
    init_scale("xavier_uniform_", (256, 784)),
    init_scale("xavier_uniform_", (32, 16, 3, 3), gain=nn.init.calculate_gain("relu")),
    init_scale("xavier_normal_", (256, 784)),
    init_scale("xavier_normal_", (64, 32, 3, 3), gain=2.0),
    init_scale("kaiming_uniform_", (256, 784)),
    init_scale("kaiming_uniform_", (32, 1, 3, 3), a=math.sqrt(5)),
    init_scale("kaiming_uniform_", (128, 64, 3, 3), mode="fan_out", nonlinearity="relu"),
    init_scale("kaiming_normal_", (256, 784), nonlinearity="relu"),
    init_scale("kaiming_normal_", (64, 32, 5, 5), a=0.2, mode="fan_out"),
]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TorchletTests", "Fixtures", "layers.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases, "reprs": reprs, "parameterCounts": parameter_counts,
               "gains": gains, "initScales": init_scales}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")
