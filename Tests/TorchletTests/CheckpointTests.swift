import Foundation
import Testing
@testable import Torchlet

/// Checkpoints in the safetensors format: our reader against files Python's `safetensors`
/// wrote (Tests/Reference/make_checkpoint_reference.py), our writer byte for byte against
/// them, round trips of a model and an optimizer, and every way a file or a state can be wrong.
@Suite("Checkpoints")
struct CheckpointTests {
    // MARK: The fixture Python wrote

    @Test func readsTheFixtureWrittenByPython() throws {
        let contents = try SafeTensors.readContents(from: checkpointFixturePath("checkpoint.safetensors"))
        #expect(contents.metadata == ["format": "pt"])
        #expect(contents.tensors.map(\.name) == ["labels", "0.bias", "0.weight", "2.bias", "2.weight"])
        let state = Dictionary(uniqueKeysWithValues: contents.tensors.map { ($0.name, $0.tensor) })
        for (name, expected) in CheckpointFixture.modelState {
            let tensor = try #require(state[name], "missing \(name)")
            #expect(tensor.shape == expected.shape, "\(name)")
            #expect(tensor.dtype == expected.dtype, "\(name)")
            #expect(tensor.scalars.map(\.bitPattern) == expected.scalars.map(\.bitPattern), "\(name)")
        }
        #expect(state["labels"]?.scalars == [0, 3, -2, 16_777_216])
        #expect(state["0.weight"]?.scalars == [0.5, -0.25, 0.125, 1.0, -1.5, 0.75, 0.1, -0.3])
    }

    @Test func readsTheEdgeCaseFixture() throws {
        let state = try SafeTensors.read(from: checkpointFixturePath("checkpoint-edge-cases.safetensors"))
        #expect(Set(state.keys) == Set(CheckpointFixture.edgeCases.map(\.name)))
        for (name, expected) in CheckpointFixture.edgeCases {
            let tensor = try #require(state[name], "missing \(name)")
            #expect(tensor.shape == expected.shape, "\(name)")
            #expect(tensor.dtype == expected.dtype, "\(name)")
            #expect(tensor.scalars.map(\.bitPattern) == expected.scalars.map(\.bitPattern), "\(name)")
        }
        #expect(state["scalar"]?.shape == [])
        #expect(state["mask"]?.dtype == .bool)
        #expect(state["specials"]?.scalars[2].isNaN == true)
    }

    @Test func writesTheFixtureByteForByte() throws {
        let expected = try fixtureBytes("checkpoint.safetensors")
        #expect(try SafeTensors.encode(CheckpointFixture.modelState, metadata: ["format": "pt"]) == expected)
        let edges = try fixtureBytes("checkpoint-edge-cases.safetensors")
        #expect(try SafeTensors.encode(CheckpointFixture.edgeCases) == edges)
        // The order we are given does not matter: the format fixes it.
        #expect(try SafeTensors.encode(CheckpointFixture.edgeCases.reversed()) == edges)
    }

    @Test func modelSaveWritesTheFixtureByteForByte() throws {
        try withCheckpointFolder { folder in
            let model = CheckpointFixtureModel()
            let path = folder + "/model.safetensors"
            try model.save(to: path)
            #expect(try fileBytes(path) == (try fixtureBytes("checkpoint.safetensors")))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
        }
    }

    @Test func modelLoadsTheFixture() throws {
        let model = CheckpointFixtureModel(randomized: true)
        try model.load(from: checkpointFixturePath("checkpoint.safetensors"))
        let state = Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.name, $0.tensor) })
        #expect(state["0.weight"]?.scalars == [0.5, -0.25, 0.125, 1.0, -1.5, 0.75, 0.1, -0.3])
        #expect(state["2.bias"]?.scalars == [-0.7])
        #expect(state["labels"]?.dtype == .int64)
        #expect(state["0.weight"]?.requiresGrad == true)
    }

    @Test func encodedHeaderIsPaddedToEightBytes() throws {
        for count in 0..<9 {
            let tensors = (0..<count).map { (name: String(repeating: "w", count: $0 + 1), tensor: Tensor.zeros([$0])) }
            let bytes = try SafeTensors.encode(tensors)
            let headerLength = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            #expect(headerLength % 8 == 0)
            #expect(bytes[8 + headerLength - 1] == UInt8(ascii: "}") || bytes[8 + headerLength - 1] == 0x20)
            #expect(try SafeTensors.decode(bytes).tensors.count == count)
        }
    }

    // MARK: Round trips

    @Test func modelAndOptimizerRoundTrip() throws {
        try withCheckpointFolder { folder in
            let path = folder + "/run.safetensors"
            let model = withSeed(1) { Sequential(Linear(3, 5), Linear(5, 2)) }
            let optimizer = CheckpointTestOptimizer(parameters: model.parameters(), learningRate: 0.1)
            optimizer.fillMomentum(seed: 7)
            try model.save(to: path, optimizer: optimizer)

            let names = try SafeTensors.read(from: path).keys.sorted()
            #expect(
                names == [
                    "0.bias", "0.weight", "1.bias", "1.weight", "optimizer.state.0.momentum_buffer",
                    "optimizer.state.1.momentum_buffer", "optimizer.state.2.momentum_buffer",
                    "optimizer.state.3.momentum_buffer", "optimizer.step",
                ])

            let restored = withSeed(2) { Sequential(Linear(3, 5), Linear(5, 2)) }
            let restoredOptimizer = CheckpointTestOptimizer(parameters: restored.parameters(), learningRate: 0.1)
            #expect(restored.parameters()[0].scalars != model.parameters()[0].scalars)
            try restored.load(from: path, optimizer: restoredOptimizer)
            for (a, b) in zip(model.stateDict(), restored.stateDict()) {
                #expect(a.name == b.name)
                #expect(a.tensor.scalars == b.tensor.scalars, "\(a.name)")
                #expect(a.tensor !== b.tensor)
            }
            #expect(restoredOptimizer.momentum.map(\.scalars) == optimizer.momentum.map(\.scalars))
            #expect(restoredOptimizer.stepCount == optimizer.stepCount)
            #expect(restoredOptimizer.stepTensorDType == .int64)

            // A model alone loads from a file that also holds optimizer state.
            let alone = withSeed(3) { Sequential(Linear(3, 5), Linear(5, 2)) }
            try alone.load(from: path)
            #expect(alone.parameters()[3].scalars == model.parameters()[3].scalars)
        }
    }

    @Test func stateDictHoldsTheModelsOwnTensors() {
        let model = withSeed(4) { Sequential(Linear(2, 3)) }
        let state = model.stateDict()
        #expect(state.map(\.name) == ["0.weight", "0.bias"])
        #expect(state[0].tensor === model.parameters()[0])
    }

    @Test func loadStateDictCopiesValuesNotTensors() throws {
        let model = withSeed(5) { Sequential(Linear(2, 3)) }
        let source = Dictionary(
            uniqueKeysWithValues: withSeed(6) { Sequential(Linear(2, 3)) }.stateDict()
                .map { ($0.name, $0.tensor) })
        let weight = model.parameters()[0]
        try model.loadStateDict(source)
        #expect(model.parameters()[0] === weight)
        #expect(weight.scalars == source["0.weight"]!.scalars)
        #expect(weight.requiresGrad)
    }

    @Test func nonStrictLoadingSkipsMissingAndExtraKeys() throws {
        let model = withSeed(7) { Sequential(Linear(2, 3)) }
        let bias = model.parameters()[1].scalars
        try model.loadStateDict(["0.weight": Tensor.ones([3, 2]), "extra": Tensor.zeros([1])], strict: false)
        #expect(model.parameters()[0].scalars == [Float](repeating: 1, count: 6))
        #expect(model.parameters()[1].scalars == bias)
        // A shape mismatch is an error even then, as in PyTorch.
        #expect(throws: CheckpointError.shapeMismatch(key: "0.weight", saved: [2, 3], expected: [3, 2])) {
            try model.loadStateDict(["0.weight": Tensor.ones([2, 3])], strict: false)
        }
    }

    // MARK: Wrong keys and shapes

    @Test func missingKeyIsNamedAndChangesNothing() throws {
        let model = withSeed(8) { Sequential(Linear(2, 3), Linear(3, 1)) }
        let before = snapshot(model)
        var state = Dictionary(
            uniqueKeysWithValues: withSeed(9) { Sequential(Linear(2, 3), Linear(3, 1)) }
                .stateDict().map { ($0.name, $0.tensor) })
        state["1.bias"] = nil
        let error = try #require(throws: CheckpointError.self) { try model.loadStateDict(state) }
        #expect(error == .missingKey("1.bias"))
        #expect(error.description.contains("missing key \"1.bias\""))
        #expect(snapshot(model) == before)
    }

    @Test func unexpectedKeyIsNamedAndChangesNothing() throws {
        let model = withSeed(10) { Sequential(Linear(2, 3)) }
        let before = snapshot(model)
        let state = ["0.weight": Tensor.ones([3, 2]), "0.bias": Tensor.ones([3]), "0.running_mean": Tensor.ones([3])]
        let error = try #require(throws: CheckpointError.self) { try model.loadStateDict(state) }
        #expect(error == .unexpectedKey("0.running_mean"))
        #expect(error.description.contains("unexpected key \"0.running_mean\""))
        #expect(snapshot(model) == before)
    }

    @Test func shapeMismatchNamesKeyAndBothShapes() throws {
        let model = withSeed(11) { Sequential(Linear(2, 3), Linear(3, 1)) }
        let before = snapshot(model)
        // Every other tensor is fine and would be copied; none may be, since one is wrong.
        let state = [
            "0.weight": Tensor.ones([3, 2]), "0.bias": Tensor.ones([3]),
            "1.weight": Tensor.ones([1, 4]), "1.bias": Tensor.ones([1]),
        ]
        let error = try #require(throws: CheckpointError.self) { try model.loadStateDict(state) }
        #expect(error == .shapeMismatch(key: "1.weight", saved: [1, 4], expected: [1, 3]))
        #expect(
            error.description == "error loading state: size mismatch for 1.weight: copying a param with shape "
                + "[1, 4] from checkpoint, the shape in current model is [1, 3].")
        #expect(snapshot(model) == before)
    }

    @Test func fileFromAnotherArchitectureChangesNothing() throws {
        try withCheckpointFolder { folder in
            let path = folder + "/wide.safetensors"
            try withSeed(12) { Sequential(Linear(2, 8), Linear(8, 1)) }.save(to: path)
            let model = withSeed(13) { Sequential(Linear(2, 4), Linear(4, 1)) }
            let before = snapshot(model)
            #expect(throws: CheckpointError.shapeMismatch(key: "0.weight", saved: [8, 2], expected: [4, 2])) {
                try model.load(from: path)
            }
            #expect(snapshot(model) == before)
        }
    }

    @Test func optimizerErrorLeavesModelAndOptimizerUntouched() throws {
        try withCheckpointFolder { folder in
            let path = folder + "/run.safetensors"
            let saved = withSeed(14) { Sequential(Linear(2, 3)) }
            let savedOptimizer = CheckpointTestOptimizer(parameters: saved.parameters(), learningRate: 0.1)
            savedOptimizer.fillMomentum(seed: 1)
            try saved.save(to: path, optimizer: savedOptimizer)

            // Same layers, but the optimizer manages a third tensor the file knows nothing of.
            let model = withSeed(15) { Sequential(Linear(2, 3)) }
            let optimizer = CheckpointTestOptimizer(
                parameters: model.parameters() + [Tensor.zeros([2], requiresGrad: true)],
                learningRate: 0.1)
            optimizer.fillMomentum(seed: 2)
            let before = snapshot(model), momentum = optimizer.momentum.map(\.scalars)
            #expect(throws: CheckpointError.missingKey("optimizer.state.2.momentum_buffer")) {
                try model.load(from: path, optimizer: optimizer)
            }
            #expect(snapshot(model) == before)
            #expect(optimizer.momentum.map(\.scalars) == momentum)
        }
    }

    @Test func savingRefusesAModelTensorThatLooksLikeOptimizerState() throws {
        try withCheckpointFolder { folder in
            let model = CheckpointModelWithOptimizerName()
            let optimizer = CheckpointTestOptimizer(parameters: model.parameters(), learningRate: 0.1)
            let error = try #require(throws: CheckpointError.self) {
                try model.save(to: folder + "/x.safetensors", optimizer: optimizer)
            }
            #expect(error.description.contains("\"optimizer.weight\""))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
            try model.save(to: folder + "/x.safetensors")  // without an optimizer there is no clash
            try model.load(from: folder + "/x.safetensors")
        }
    }

    // MARK: Corrupt files

    @Test func fileCutShortByOneByteIsRejected() throws {
        var bytes = try fixtureBytes("checkpoint.safetensors")
        bytes.removeLast()
        let reason = try corruptionReason(of: bytes)
        #expect(
            reason == "the header says the tensor data is 100 bytes, but the file holds only 99 after the "
                + "header; it was probably cut short while being written")
    }

    @Test func fileCutInsideTheHeaderIsRejected() throws {
        let bytes = Array(try fixtureBytes("checkpoint.safetensors").prefix(200))
        var reason = try corruptionReason(of: bytes)
        #expect(
            reason == "its first 8 bytes say the header is 344 bytes long, but only 192 bytes follow them; "
                + "it was probably cut short while being written (or is not a safetensors file)")
        reason = try corruptionReason(of: [])
        #expect(reason.contains("the file is empty"))
        reason = try corruptionReason(of: [1, 2, 3])
        #expect(reason.contains("only 3 bytes long"))
    }

    @Test func everyTruncationIsRejected() throws {
        let bytes = try fixtureBytes("checkpoint.safetensors")
        for length in 0..<bytes.count {
            #expect(throws: CheckpointError.self, "cut to \(length) bytes") {
                _ = try SafeTensors.decode(Array(bytes.prefix(length)))
            }
        }
    }

    @Test func corruptHeaderLengthIsRejected() throws {
        var bytes = try fixtureBytes("checkpoint.safetensors")
        bytes[5] = 0x40  // the length now reads as about 70 trillion bytes
        var reason = try corruptionReason(of: bytes)
        #expect(reason.contains("more than the 100,000,000 bytes safetensors allows"))
        bytes = try fixtureBytes("checkpoint.safetensors")
        bytes[0] = 0x50  // 344 -> 336: the header now ends inside the JSON
        reason = try corruptionReason(of: bytes)
        #expect(reason.hasPrefix("the header is not valid JSON: "))
    }

    @Test func garbageJSONIsRejected() throws {
        var bytes = try fixtureBytes("checkpoint.safetensors")
        replace("\"shape\":[2,2]", with: "\"shape\":[2;2]", in: &bytes)
        var reason = try corruptionReason(of: bytes)
        // Foundation's words; the position is the ';' (byte 66 of the header).
        #expect(reason == "the header is not valid JSON: invalid value around character 66 of the header")
        bytes = try fixtureBytes("checkpoint.safetensors")
        bytes[8] = UInt8(ascii: "[")
        reason = try corruptionReason(of: bytes)
        #expect(reason.contains("does not start with '{'"))
        let notJSON = [UInt8](repeating: 0, count: 8) + Array("{\"a\":".utf8)
        var header = notJSON
        header[0] = UInt8(notJSON.count - 8)
        reason = try corruptionReason(of: header)
        #expect(reason.contains("unexpected end of file"))
    }

    @Test func headerValuesOfTheWrongKindAreQuotedAsWritten() throws {
        /// A file holding one tensor "a" with header entry `entry` and 8 bytes of data.
        func file(_ entry: String, metadata: String = "") -> [UInt8] {
            var header = Array("{\(metadata)\"a\":\(entry)}".utf8)
            header += repeatElement(0x20, count: (8 - header.count % 8) % 8)
            return withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header
                + Array(repeating: 0, count: 8)
        }
        // JSON's true is no number, though Foundation hands it out as one.
        var reason = try corruptionReason(of: file(#"{"dtype":"F32","shape":[true,2],"data_offsets":[0,8]}"#))
        #expect(
            reason == "the header entry of tensor \"a\" has a \"shape\" that is not a list of whole numbers: [true,2]")
        reason = try corruptionReason(of: file(#"{"dtype":"F32","shape":[2],"data_offsets":[0,-8]}"#))
        #expect(reason.hasSuffix("with begin <= end: [0,-8]"))
        reason = try corruptionReason(of: file(#"{"dtype":5,"shape":[2],"data_offsets":[0,8]}"#))
        #expect(reason == "the header entry of tensor \"a\" has a \"dtype\" that is not text: 5")
        reason = try corruptionReason(of: file(#"[1,2,3]"#))
        #expect(reason.hasSuffix("\"data_offsets\", but it is [1,2,3]"))
        let entry = #"{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#
        reason = try corruptionReason(of: file(entry, metadata: #""__metadata__":{"format":1},"#))
        #expect(reason == "\"__metadata__\" must be an object of text values, but it is {\"format\":1}")
        // A whole number written with a decimal point is still one.
        #expect(
            try SafeTensors.decode(file(#"{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}"#)).tensors[0].tensor.shape
                == [2])
    }

    @Test func wrongDataLengthIsRejected() throws {
        var bytes = try fixtureBytes("checkpoint.safetensors")
        replace("\"shape\":[4,2]", with: "\"shape\":[4,3]", in: &bytes)
        let reason = try corruptionReason(of: bytes)
        #expect(
            reason == "tensor \"0.weight\" has dtype F32 and shape [4, 3], which need 48 bytes, but its "
                + "data_offsets [48, 80] give it 32")
    }

    @Test func layoutProblemsAreRejected() throws {
        var bytes = try fixtureBytes("checkpoint.safetensors")
        bytes.append(0)
        var reason = try corruptionReason(of: bytes)
        #expect(reason.hasPrefix("the file has 1 byte after the last tensor's data"))

        // Two tensors sharing bytes: "0.bias" moved onto the int64 labels' first 16 bytes.
        bytes = try fixtureBytes("checkpoint.safetensors")
        replace("[32,48]", with: "[16,32]", in: &bytes)
        reason = try corruptionReason(of: bytes)
        #expect(reason == "tensors \"labels\" (bytes 0..<32) and \"0.bias\" (bytes 16..<32) overlap")

        bytes = try fixtureBytes("checkpoint.safetensors")
        replace(
            "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[48,80]}",
            with: "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,1],\"data_offsets\":[64,80]}", in: &bytes)
        reason = try corruptionReason(of: bytes)
        #expect(reason.hasPrefix("bytes 48..<64 of the data belong to no tensor"))
    }

    @Test func unknownAndUnsupportedDTypesAreRejected() throws {
        var bytes = try fixtureBytes("checkpoint.safetensors")
        replace("\"I64\"", with: "\"Q64\"", in: &bytes)
        let reason = try corruptionReason(of: bytes)
        #expect(reason.hasPrefix("the header entry of tensor \"labels\" has the unknown dtype \"Q64\""))

        bytes = try fixtureBytes("checkpoint.safetensors")
        replace("\"I64\"", with: "\"F64\"", in: &bytes)
        let error = try #require(throws: CheckpointError.self) { try SafeTensors.decode(bytes, path: "m.safetensors") }
        #expect(
            error
                == .io(
                    path: "m.safetensors",
                    reason: "tensor \"labels\" has dtype F64 (torch.float64), which "
                        + "Torchlet cannot hold: it reads F32, I64 and BOOL. Convert it in Python before saving, e.g. with "
                        + "tensor.float()"))
    }

    @Test func valuesTorchletCannotHoldAreRejected() throws {
        // 16777216 = 2^24 is in the fixture and fine; 2^24 + 1 is not exact as a Float.
        var bytes = try fixtureBytes("checkpoint.safetensors")
        let headerEnd = 8 + 344
        bytes[headerEnd + 24] = 0x01  // labels[3] = 16777217
        let error = try #require(throws: CheckpointError.self) { try SafeTensors.decode(bytes) }
        #expect(error.description.contains("tensor \"labels\" (I64) holds 16777217 at index 3"))

        var edges = try fixtureBytes("checkpoint-edge-cases.safetensors")
        edges[edges.count - 1] = 2  // the last byte is mask[2], a bool
        let reason = try corruptionReason(of: edges)
        #expect(reason == "tensor \"mask\" (BOOL) holds byte 2 at index 2, where a truth value must be 0 or 1")
    }

    @Test func corruptFilesLeaveTheModelUntouched() throws {
        try withCheckpointFolder { folder in
            let good = try fixtureBytes("checkpoint.safetensors")
            var cut = good; cut.removeLast()
            var garbage = good; replace("\"dtype\":\"I64\"", with: "\"dtype\"}}I64\"", in: &garbage)
            var wrongLength = good; replace("[4,2]", with: "[4,3]", in: &wrongLength)
            var badLength = good; badLength[3] = 0xFF
            for (i, bytes) in [cut, garbage, wrongLength, badLength, []].enumerated() {
                let path = folder + "/bad\(i).safetensors"
                #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
                let model = CheckpointFixtureModel(randomized: true)
                let before = snapshot(model)
                let error = try #require(throws: CheckpointError.self) { try model.load(from: path) }
                guard case let .corrupt(errorPath, _) = error else {
                    Issue.record("expected .corrupt, got \(error)")
                    continue
                }
                #expect(errorPath == path)
                #expect(error.description.hasPrefix("checkpoint '\(path)' is corrupt: "))
                #expect(snapshot(model) == before)
            }
        }
    }

    @Test func namesAreEscapedAsPythonEscapesThem() {
        // Python: json.dumps('q"b\\ \b\f\n\r\t\x00\x1f\x7f é😀', ensure_ascii=False), which escapes
        // as serde_json (and so the safetensors library) does.
        let text = "q\"b\\ \u{08}\u{0C}\n\r\t\u{00}\u{1F}\u{7F} é😀"
        #expect(JSON.quoted(text) == #""q\"b\\ \b\f\n\r\t\u0000\u001f"# + "\u{7F} é😀\"")
    }

    @Test func missingFileIsAnIOError() throws {
        let error = try #require(throws: CheckpointError.self) {
            try SafeTensors.read(from: "/nonexistent-folder/model.safetensors")
        }
        #expect(
            error
                == .io(
                    path: "/nonexistent-folder/model.safetensors",
                    reason: "cannot open the file: No such file or directory"))
    }

    // MARK: Atomic writes

    @Test func writingLeavesNoTemporaryFiles() throws {
        try withCheckpointFolder { folder in
            let path = folder + "/model.safetensors"
            let model = withSeed(16) { Sequential(Linear(2, 2)) }
            try model.save(to: path)
            try model.save(to: path)  // replacing an existing file
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
        }
    }

    @Test func failedWriteLeavesTheExistingFileIntact() throws {
        try withCheckpointFolder { folder in
            let path = folder + "/model.safetensors"
            let model = withSeed(17) { Sequential(Linear(2, 2)) }
            try model.save(to: path)
            let before = try fileBytes(path)
            // A state that cannot be written (an int64 tensor holding 0.5) is refused before
            // the file is touched. (How the write itself is atomic is Foundation's business:
            // Data.write(to:options: .atomic) picks its own temporary name, nothing to block.)
            let bad = [("x", Tensor(shape: [1], scalars: [0.5], dtype: .int64))]
            let error = try #require(throws: CheckpointError.self) { try SafeTensors.write(bad, to: path) }
            guard case let .io(errorPath, reason) = error else { Issue.record("expected .io, got \(error)"); return }
            #expect(errorPath == path)
            #expect(reason.contains("is int64 but holds 0.5"))
            #expect(try fileBytes(path) == before)
        }
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        try withCheckpointFolder { folder in
            // The target is a folder that is not empty: the rename must fail.
            let path = folder + "/model.safetensors"
            try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
            let error = try #require(throws: CheckpointError.self) {
                try withSeed(19) { Sequential(Linear(2, 2)) }.save(to: path)
            }
            #expect(
                error.description.contains(
                    "cannot write the file: Is a directory. The existing file, if any, "
                        + "is unchanged"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
        }
    }

    @Test func writingIntoAMissingFolderFails() throws {
        let error = try #require(throws: CheckpointError.self) {
            try SafeTensors.write([("x", Tensor.zeros([1]))], to: "/nonexistent-folder/model.safetensors")
        }
        #expect(error.description.contains("No such file or directory"))
    }

    @Test func invalidNamesAreRefusedBeforeWriting() throws {
        #expect(throws: CheckpointError.self) {
            try SafeTensors.encode([("w", Tensor.zeros([1])), ("w", Tensor.zeros([2]))])
        }
        #expect(throws: CheckpointError.self) { try SafeTensors.encode([("__metadata__", Tensor.zeros([1]))]) }
    }
}

// MARK: - Helpers

/// The path of a fixture next to this file.
private func checkpointFixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

private func fixtureBytes(_ name: String) throws -> [UInt8] {
    try fileBytes(checkpointFixturePath(name))
}

private func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Runs `body` with a fresh empty folder, removed afterwards.
private func withCheckpointFolder(_ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("torchlet-checkpoint-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
}

/// The reason `SafeTensors.decode` gives for rejecting `bytes` as corrupt.
private func corruptionReason(of bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let error = try #require(throws: CheckpointError.self, sourceLocation: sourceLocation) {
        try SafeTensors.decode(bytes, path: "m.safetensors")
    }
    guard case let .corrupt(path, reason) = error else {
        Issue.record("expected .corrupt, got \(error)", sourceLocation: sourceLocation)
        return ""
    }
    #expect(path == "m.safetensors", sourceLocation: sourceLocation)
    return reason
}

/// Replaces the one occurrence of `old` in `bytes` by `new` (of the same length, so that the
/// header length stays right).
private func replace(_ old: String, with new: String, in bytes: inout [UInt8]) {
    let target = Array(old.utf8), replacement = Array(new.utf8)
    precondition(target.count == replacement.count, "replacement must keep the length")
    guard
        let start = (0...(bytes.count - target.count)).first(where: { Array(bytes[$0..<($0 + target.count)]) == target }
        )
    else { preconditionFailure("\(old) not found") }
    bytes.replaceSubrange(start..<(start + target.count), with: replacement)
}

/// Every value of a model's state, to check that a failed load changed nothing.
private func snapshot(_ model: Module) -> [String: [Float]] {
    Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.name, $0.tensor.scalars) })
}

/// The tensors of the Python fixtures, written out here as the script writes them.
private enum CheckpointFixture {
    static var modelState: [(name: String, tensor: Tensor)] {
        [
            ("0.weight", Tensor([[0.5, -0.25], [0.125, 1.0], [-1.5, 0.75], [0.1, -0.3]])),
            ("0.bias", Tensor([0.01, -0.02, 0.03, -0.04])),
            ("2.weight", Tensor([[1.25, -0.6, 0.333, 2.0]])),
            ("2.bias", Tensor([-0.7])),
            ("labels", Tensor([[0, 3], [-2, 16_777_216]])),
        ]
    }

    static var edgeCases: [(name: String, tensor: Tensor)] {
        [
            ("scalar", Tensor(-1.5)),
            ("empty", Tensor.zeros([0, 3])),
            ("mask", Tensor([true, false, true])),
            ("counts", Tensor([-3, 0, 7])),
            (
                "specials",
                Tensor([
                    Float.infinity, -.infinity, .nan, -0.0, Float.leastNonzeroMagnitude, Float.greatestFiniteMagnitude,
                ])
            ),
            ("B", Tensor([1.0])),
            ("a", Tensor([2.0])),
            ("10.w", Tensor([3.0])),
            ("2.w", Tensor([4.0])),
            ("caf\u{e9}", Tensor([5.0])),
            ("quote\"back\\slash\nnew\ttab\u{1}", Tensor([6.0])),
        ]
    }
}

/// `tanh` as a layer, for the fixture's `Sequential(Linear(2, 4), Tanh(), Linear(4, 1))`.
private final class CheckpointTestTanh: Module {
    override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// A model whose state is exactly the fixture's: the Sequential's layers plus an int64 buffer
/// `labels`.
private final class CheckpointFixtureModel: Module {
    let labels: Tensor
    let layers: [Module]

    init(randomized: Bool = false) {
        let first = withSeed(21) { Linear(2, 4) }, second = withSeed(22) { Linear(4, 1) }
        labels = randomized ? Tensor([[9, 9], [9, 9]]) : Tensor([[0, 3], [-2, 16_777_216]])
        layers = [first, CheckpointTestTanh(), second]
        super.init()
        if !randomized {
            let values = Dictionary(uniqueKeysWithValues: CheckpointFixture.modelState.map { ($0.name, $0.tensor) })
            try! loadStateDict(values)
        }
    }
}

/// A model with a submodule named `optimizer`, whose names clash with optimizer state.
private final class CheckpointModelWithOptimizerName: Module {
    let optimizer = withSeed(23) { Linear(1, 1) }
}

/// A small optimizer (SGD with momentum, roughly) that keeps a momentum buffer per parameter
/// and an int64 step count, to test that optimizer state goes through a checkpoint.
private final class CheckpointTestOptimizer: Optimizer {
    let parameters: [Tensor]
    var learningRate: Float
    private(set) var momentum: [Tensor]
    private(set) var stepCount: Int = 0
    private(set) var stepTensorDType: DType = .float32

    init(parameters: [Tensor], learningRate: Float) {
        self.parameters = parameters
        self.learningRate = learningRate
        momentum = parameters.map { Tensor.zeros($0.shape) }
    }

    func fillMomentum(seed: UInt64) {
        var rng = Generator(seed: seed)
        momentum = parameters.map { Tensor.randn($0.shape, using: &rng) }
        stepCount = Int(seed) + 3
    }

    func step() {}

    func stateDict() -> [(name: String, tensor: Tensor)] {
        momentum.enumerated().map { ("state.\($0.offset).momentum_buffer", $0.element) }
            + [("step", Tensor(shape: [], scalars: [Float(stepCount)], dtype: .int64))]
    }

    func loadStateDict(_ state: [String: Tensor]) throws {
        var loaded: [Tensor] = []
        for (i, parameter) in parameters.enumerated() {
            let key = "state.\(i).momentum_buffer"
            guard let tensor = state[key] else { throw CheckpointError.missingKey(key) }
            guard tensor.shape == parameter.shape else {
                throw CheckpointError.shapeMismatch(key: key, saved: tensor.shape, expected: parameter.shape)
            }
            loaded.append(tensor)
        }
        guard let stepTensor = state["step"] else { throw CheckpointError.missingKey("step") }
        let known = Set((0..<parameters.count).map { "state.\($0).momentum_buffer" } + ["step"])
        if let extra = state.keys.sorted().first(where: { !known.contains($0) }) {
            throw CheckpointError.unexpectedKey(extra)
        }
        momentum = loaded
        stepCount = Int(stepTensor.item())
        stepTensorDType = stepTensor.dtype
    }
}
