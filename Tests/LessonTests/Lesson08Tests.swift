@testable import Lesson08
import Testing
import Torchlet

@Suite("Lesson08: optimizers compared")
struct Lesson08Tests {
    @Test func placeholder() {
        #expect(descend(.sgd).path.count == 61)
    }
}
