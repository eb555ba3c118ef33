import ArrayFiles
import Foundation
import Learning
import TestSupport
import XCTest

/// A parity fixture written by one of the `datasets-tools/make_*_fixtures.py` generators from the
/// reference JAX agents, and the comparisons every agent's parity test makes against it: the
/// loss and logged metrics of a step, and every gradient leaf, parameter and Adam moment after
/// it. A `full` case holds whole arrays (tiny sizes); otherwise a leaf is its L2 norm and 64
/// strided entries (default sizes), and the weights come from ``formulaParameters(_:)``.
final class ParityFixture {
    let archive: NPZArchive

    init(_ file: String) throws {
        archive = try NPZArchive(path: "\(RepositoryPaths.root)/Tests/AgentsTests/Fixtures/\(file)")
    }

    func array(_ name: String) throws -> [Float] { try archive.array(name, as: Float.self) }
    func has(_ name: String) -> Bool { archive.names.contains(name) }

    /// |actual − expected| ≤ tolerance·(1 + |expected|).
    static func assertForward(_ actual: Double, _ expected: Double, _ tolerance: Double, _ what: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(abs(actual - expected), tolerance * (1 + abs(expected)), "\(what): \(actual) vs \(expected)",
                                 file: file, line: line)
    }

    /// A whole leaf within 1e-4 relative L2 (`full`), or its norm within 1e-4 relative and each
    /// sampled entry within 1e-3 of the leaf's RMS.
    func compareLeaf(full: Bool, _ name: String, _ ours: [Float], _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        if full {
            let expected = try array(name)
            XCTAssertEqual(expected.count, ours.count, what, file: file, line: line)
            var error = 0.0, norm = 0.0
            for (a, e) in zip(ours, expected) {
                error += Double(a - e) * Double(a - e)
                norm += Double(e) * Double(e)
            }
            let relative = norm == 0 ? error.squareRoot() : (error / norm).squareRoot()
            XCTAssertLessThanOrEqual(relative, 1e-4, "\(what): relative L2 error \(relative)", file: file, line: line)
        } else {
            let expectedNorm = Double(try array("\(name)/norm")[0])
            let norm = ours.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            XCTAssertLessThanOrEqual(abs(norm - expectedNorm), 1e-4 * expectedNorm + 1e-12,
                                     "\(what): norm \(norm) vs \(expectedNorm)", file: file, line: line)
            let sample = try array("\(name)/sample"), stride = max(1, ours.count / 64)
            let rms = expectedNorm / Double(ours.count).squareRoot()
            for (j, e) in sample.enumerated() {
                let a = ours[j * stride]
                XCTAssertLessThanOrEqual(abs(Double(a - e)), 1e-3 * rms + 1e-12, "\(what)[\(j * stride)]: \(a) vs \(e)",
                                         file: file, line: line)
            }
        }
    }

    /// One step against the fixture's `prefix`: the total loss and every logged metric both sides
    /// have (at least `minimumMetrics` of them), Adam's step count, the gradient, value and
    /// moments of each trainable parameter, and the value of each other one (the targets, which
    /// the reference gives a zero gradient).
    ///
    /// `undetermined` names parameters (and their targets, `target_…`) along which the loss is
    /// constant, so their gradient is zero but for rounding and Adam moves them by rounding
    /// noise on both sides: their gradients and first moments must be numerically zero (below
    /// 1e-6 of the step's whole gradient norm) on both sides, their second moments below that
    /// squared, and their values within 4·lr per Adam step taken of the reference's (Adam moves
    /// an element by at most about 3.2·lr per step). `metricTolerances` overrides the forward
    /// tolerance of metrics that read such parameters.
    func compareStep(_ prefix: String, full: Bool, forwardTolerance: Double, info: [String: Double],
                     optimizer: Adam<Float>, parameters: [Parameter<Float>], minimumMetrics: Int, adamStep: Int,
                     undetermined: Set<String> = [], metricTolerances: [String: Double] = [:],
                     file: StaticString = #filePath, line: UInt = #line) throws {
        Self.assertForward(info["total_loss"] ?? .nan, Double(try array("\(prefix)/loss")[0]), forwardTolerance,
                           "\(prefix) total loss", file: file, line: line)
        var compared = 0
        for name in archive.names where name.hasPrefix("\(prefix)/info/") {
            let key = String(name.dropFirst("\(prefix)/info/".count))
            guard let ours = info[key] else { continue }
            Self.assertForward(ours, Double(try array(name)[0]), metricTolerances[key] ?? forwardTolerance, "\(prefix) \(key)",
                               file: file, line: line)
            compared += 1
        }
        XCTAssertGreaterThanOrEqual(compared, minimumMetrics, "\(prefix): metrics compared", file: file, line: line)
        XCTAssertEqual(optimizer.step, adamStep, file: file, line: line)
        XCTAssertEqual(Int(try array("\(prefix)/adam_count")[0]), adamStep, file: file, line: line)

        let trainable = Set(optimizer.parameters.map(\.name))
        let zero = 1e-6 * Double(try array("\(prefix)/info/grad/norm")[0])
        let stepBound = 4 * Double(optimizer.learningRate) * Double(adamStep)
        for (k, p) in optimizer.parameters.enumerated() where undetermined.contains(p.name) {
            for (what, ours, bound) in [("gradient", p.gradients, zero), ("adam_m", optimizer.firstMoments[k], zero),
                                        ("adam_v", optimizer.secondMoments[k], zero * zero)] {
                XCTAssertLessThanOrEqual(try leafNorm(full: full, "\(prefix)/\(what == "gradient" ? "grad" : what)/\(p.name)"), bound,
                                         "\(prefix): the reference's \(what) of \(p.name)", file: file, line: line)
                XCTAssertLessThanOrEqual(Self.norm(ours), bound, "\(prefix): our \(what) of \(p.name)", file: file, line: line)
            }
        }
        for p in parameters where undetermined.contains(p.name) || undetermined.contains(String(p.name.dropFirst("target_".count))) {
            try compareLeafValues(full: full, "\(prefix)/param/\(p.name)", p.values, within: stepBound,
                                  "\(prefix) undetermined \(p.name) after the step", file: file, line: line)
        }
        for (k, p) in optimizer.parameters.enumerated() where !undetermined.contains(p.name) {
            try compareLeaf(full: full, "\(prefix)/grad/\(p.name)", p.gradients, "\(prefix) gradient of \(p.name)", file: file, line: line)
            try compareLeaf(full: full, "\(prefix)/param/\(p.name)", p.values, "\(prefix) \(p.name) after the step", file: file, line: line)
            try compareLeaf(full: full, "\(prefix)/adam_m/\(p.name)", optimizer.firstMoments[k], "\(prefix) Adam m of \(p.name)",
                            file: file, line: line)
            try compareLeaf(full: full, "\(prefix)/adam_v/\(p.name)", optimizer.secondMoments[k], "\(prefix) Adam v of \(p.name)",
                            file: file, line: line)
        }
        for p in parameters where !trainable.contains(p.name) && !undetermined.contains(String(p.name.dropFirst("target_".count))) {
            try compareLeaf(full: full, "\(prefix)/param/\(p.name)", p.values, "\(prefix) target \(p.name) after the step",
                            file: file, line: line)
            let gradient = full ? try array("\(prefix)/grad/\(p.name)") : try array("\(prefix)/grad/\(p.name)/norm")
            XCTAssertTrue(gradient.allSatisfy { $0 == 0 }, "\(prefix): the reference gives \(p.name) a gradient", file: file, line: line)
        }
    }

    /// A leaf's L2 norm as the fixture holds it: from the whole array (`full`) or its stored norm.
    func leafNorm(full: Bool, _ name: String) throws -> Double {
        full ? Self.norm(try array(name)) : Double(try array("\(name)/norm")[0])
    }

    static func norm(_ values: [Float]) -> Double { values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }

    /// Each entry (each sampled entry unless `full`) within `bound` of the fixture's.
    func compareLeafValues(full: Bool, _ name: String, _ ours: [Float], within bound: Double, _ what: String,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = full ? try array(name) : try array("\(name)/sample")
        let stride = full ? 1 : max(1, ours.count / 64)
        for (j, e) in expected.enumerated() {
            XCTAssertLessThanOrEqual(abs(Double(ours[j * stride] - e)), bound, "\(what)[\(j * stride)]: \(ours[j * stride]) vs \(e)",
                                     file: file, line: line)
        }
    }

    /// Runs `finetune` with the actor, then restores the pre-trained state and runs it without.
    static func fromPretrainedState(_ parameters: [Parameter<Float>], _ optimizer: Adam<Float>,
                             _ finetune: (_ fullUpdate: Bool) throws -> Void) throws {
        let snapshot = (parameters.map(\.values), optimizer.step, optimizer.firstMoments, optimizer.secondMoments)
        try finetune(true)
        for (p, values) in zip(parameters, snapshot.0) { p.assign(values) }
        optimizer.restore(step: snapshot.1, firstMoments: snapshot.2, secondMoments: snapshot.3)
        try finetune(false)
    }

    /// The generators' weight formula (`formula_parameters` in `make_infom_fixtures.py`): for the
    /// k-th of `parameters` in name order and entry i, u = 2 frac(43758.5453 sin(12.9898 i +
    /// 78.233 k)) − 1; kernels get sqrt(6 / (fan_in + fan_out))·u, layer-norm scales 1 + 0.1u,
    /// layer-norm biases 0.05u, other biases 0.01u.
    static func formulaParameters(_ parameters: [Parameter<Float>]) -> [[Float]] {
        let order = parameters.map(\.name).sorted()
        return parameters.map { p in
            let k = Double(order.firstIndex(of: p.name)!)
            let leaf = p.name.split(separator: "/").last!
            return (0..<p.count).map { i -> Float in
                let hashed = 43758.5453 * sin(12.9898 * Double(i) + 78.233 * k)
                let wave = 2 * (hashed - hashed.rounded(.down)) - 1
                if leaf == "kernel" {
                    let fanIn = p.shape[p.shape.count - 2], fanOut = p.shape[p.shape.count - 1]
                    return Float((6.0 / Double(fanIn + fanOut)).squareRoot() * wave)
                }
                if leaf == "scale" { return Float(1 + 0.1 * wave) }
                return Float((p.name.contains("LayerNorm") ? 0.05 : 0.01) * wave)
            }
        }
    }
}
