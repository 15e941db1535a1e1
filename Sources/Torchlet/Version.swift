/// The engine's version, printed at the top of a lesson's page so two pages can be compared.
public let torchletVersion = "0.2.0"
