"""Reference numbers for Lesson 04 (linear regression), computed by PyTorch.

What it computes
    The seed's program, line for line: x = 1..30 and the 30 measured y as float32 columns
    [30, 1], weight and bias as zeros(1) with requires_grad, optim.SGD([weight, bias], lr=0.001),
    10,000 epochs of full-batch mean squared error, and a line every 1,000 epochs:

        Epoch : 1000, Weight : 0.864, Bias : -0.138, Cost : 1.393

    Those lines are what Tests/LessonTests/Lesson04Tests.swift asserts, to 3 decimals, as the
    seed prints them. For the curious it also prints the same rows with 7 significant digits
    (to see how closely Torchlet's float32 run follows PyTorch's) and the closed-form
    least-squares line in float64, w = cov(x, y) / var(x), b = mean(y) - w * mean(x).

How to rerun it (from the package root)
    /opt/torch-venv/bin/python Tests/Reference/make_lesson04_reference.py

It writes nothing: it prints. If PyTorch ever prints other rows, update the literals in
Lesson04Tests.swift (`pytorchRows`) and say why in the commit.
"""

import torch
from torch import optim

torch.set_default_dtype(torch.float32)

x = torch.FloatTensor([
    [1], [2], [3], [4], [5], [6], [7], [8], [9], [10],
    [11], [12], [13], [14], [15], [16], [17], [18], [19], [20],
    [21], [22], [23], [24], [25], [26], [27], [28], [29], [30]
])
y = torch.FloatTensor([
    [0.94], [1.98], [2.88], [3.92], [3.96], [4.55], [5.64], [6.3], [7.44], [9.1],
    [8.46], [9.5], [10.67], [11.16], [14], [11.83], [14.4], [14.25], [16.2], [16.32],
    [17.46], [19.8], [18], [21.34], [22], [22.5], [24.57], [26.04], [21.6], [28.8]
])

weight = torch.zeros(1, requires_grad=True)
bias = torch.zeros(1, requires_grad=True)
learning_rate = 0.001

optimizer = optim.SGD([weight, bias], lr=learning_rate)

precise = []
for epoch in range(10000):
    hypothesis = weight * x + bias
    cost = torch.mean((hypothesis - y) ** 2)

    optimizer.zero_grad()
    cost.backward()
    optimizer.step()

    if (epoch + 1) % 1000 == 0:
        print(f"Epoch : {epoch+1:4d}, Weight : {weight.item():.3f}, Bias : {bias.item():.3f}, Cost : {cost:.3f}")
        precise.append((epoch + 1, weight.item(), bias.item(), cost.item()))

print()
print("The same rows, 7 significant digits (epoch, weight, bias, cost):")
for epoch, w, b, c in precise:
    print(f"{epoch:5d}  {w:.7g}  {b:.7g}  {c:.7g}")

xd, yd = x.double().flatten(), y.double().flatten()
w = ((xd - xd.mean()) * (yd - yd.mean())).sum() / ((xd - xd.mean()) ** 2).sum()
b = yd.mean() - w * xd.mean()
cost = torch.mean((w * xd + b - yd) ** 2)
print()
print(f"Closed form (float64): weight {w.item():.6f}, bias {b.item():.6f}, cost {cost.item():.6f}")
print(f"torch {torch.__version__}")
