import Testing
@testable import Notebook

@Suite("Wrapping narrative text")
struct TextWrapperTests {
    let wrapper = TextWrapper(width: 30)

    @Test("a paragraph is re-flowed to the width, whatever its source line breaks")
    func paragraph() {
        let text = """
            Autograd records every
            operation on a tensor so that backward() can replay it.
            """
        #expect(
            wrapper.wrap(text) == [
                "Autograd records every",
                "operation on a tensor so that",
                "backward() can replay it.",
            ])
    }

    @Test("blank lines separate paragraphs; runs of them and outer ones collapse")
    func paragraphs() {
        let text = "\n\nFirst paragraph.\n\n\n\nSecond one.\n\n"
        #expect(wrapper.wrap(text) == ["First paragraph.", "", "Second one."])
    }

    @Test("bullets and numbered items wrap with a hanging indent")
    func bullets() {
        let text = """
            Remember:
            - gradients accumulate until you call zeroGrad()
            * short
            12. a numbered item that is long enough to wrap
            """
        #expect(
            wrapper.wrap(text) == [
                "Remember:",
                "- gradients accumulate until",
                "  you call zeroGrad()",
                "* short",
                "12. a numbered item that is",
                "    long enough to wrap",
            ])
    }

    @Test("a line under a bullet, indented less than 4, continues the bullet")
    func bulletContinuation() {
        let text = """
            - the first item
              goes on here
            """
        #expect(wrapper.wrap(text) == ["- the first item goes on here"])
    }

    @Test("lines indented by 4 or more spaces are kept verbatim, even when too long")
    func verbatim() {
        let text = """
            The rule:

                dL/dw = dL/dy * dy/dw      (the chain rule, never re-wrapped)
                y     = w * x
            That is all.
            """
        #expect(
            wrapper.wrap(text) == [
                "The rule:",
                "",
                "    dL/dw = dL/dy * dy/dw      (the chain rule, never re-wrapped)",
                "    y     = w * x",
                "That is all.",
            ])
    }

    @Test("inline code in backticks is never split across lines")
    func inlineCodeStaysTogether() {
        // Without the rule, "`let y =" would still fit on the first line.
        let text = "Call it as follows: `let y = model(x)` to run the forward pass."
        #expect(
            wrapper.wrap(text) == [
                "Call it as follows:",
                "`let y = model(x)` to run the",
                "forward pass.",
            ])
    }

    @Test("a word longer than the width gets a line of its own, unbroken")
    func longWord() {
        let text = "see https://pytorch.org/docs/stable/generated/torch.nn.Linear.html now"
        #expect(
            TextWrapper(width: 20).wrap(text) == [
                "see",
                "https://pytorch.org/docs/stable/generated/torch.nn.Linear.html",
                "now",
            ])
    }

    @Test("Windows line endings and tabs are handled")
    func lineEndingsAndTabs() {
        #expect(wrapper.wrap("one\r\ntwo\r\n\r\n\tverbatim") == ["one two", "", "    verbatim"])
    }

    @Test("empty text gives no lines")
    func empty() {
        #expect(wrapper.wrap("").isEmpty)
        #expect(wrapper.wrap("\n   \n").isEmpty)
    }
}
