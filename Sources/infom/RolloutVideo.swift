import Agents
import Foundation
import Rendering
import Suite

/// Rollout videos of a policy, rendered headlessly: episodes one after another (one environment
/// and renderer reused) or side by side in lockstep (`tile`; finished ones hold their last
/// frame). Serves `infom render` and `infom eval --video`.
struct RolloutVideo {
    var env: String
    var episodes: Int
    var maxSteps: Int?
    var seed: UInt32 = 0
    var tile = false
    var look = VideoLook()

    /// A place in the video: an environment driven by the policy, its renderer and latest frame.
    /// Concatenated episodes reuse one slot; tiled ones have a slot each.
    final class Slot {
        let rollout: PolicyRollout
        let renderer: OffscreenRenderer
        var frame: RGBImage
        var episode = 0

        init(rollout: PolicyRollout, renderer: OffscreenRenderer) {
            self.rollout = rollout
            self.renderer = renderer
            frame = RGBImage(width: renderer.width, height: renderer.height)
        }
    }

    /// Renders the episodes with a policy per episode seed and writes the video to `out`.
    func write(to out: String, makePolicy: (UInt32) throws -> any EvaluationPolicy) throws {
        let width = look.width, height = look.height
        let slots = try (0..<(tile ? episodes : 1)).map { _ -> Slot in
            let environment = try EnvironmentRegistry.make(env)
            return Slot(rollout: PolicyRollout(environment: environment),
                        renderer: try OffscreenRenderer(model: environment.simulation.model, width: width, height: height,
                                                        options: look.renderOptions))
        }
        let view = look.view(of: slots[0].rollout.environment)
        let columns = tile ? Int(Double(episodes).squareRoot().rounded(.up)) : 1
        let frameWidth = width * columns, frameHeight = height * (tile ? (episodes + columns - 1) / columns : 1)
        let writer = try VideoWriter(path: out, width: frameWidth, height: frameHeight, fps: look.fps)
        if let notice = writer.notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }

        for first in stride(from: 0, to: episodes, by: slots.count) {
            for (k, slot) in slots.enumerated() {
                slot.episode = first + k
                let episodeSeed = PolicyEvaluation.episodeSeed(run: seed, episode: slot.episode)
                try slot.rollout.reset(seed: episodeSeed, policy: makePolicy(episodeSeed))
            }
            var fresh = true
            while true {
                for slot in slots where fresh || !slot.rollout.isDone {
                    try slot.renderer.render(slot.rollout.environment.simulation, camera: view, into: &slot.frame)
                    if look.overlay { slot.frame.drawLabel(label(slot.rollout, episode: slot.episode)) }
                }
                fresh = false
                try writer.append(slots.count == 1 ? slots[0].frame : RGBImage.tiled(slots.map(\.frame), columns: columns))
                if slots.allSatisfy(\.rollout.isDone) { break }
                for slot in slots where !slot.rollout.isDone { try slot.rollout.step(maxSteps: maxSteps) }
            }
        }
        try writer.finish()
        print("wrote \(writer.path): \(writer.frameCount) frames of \(frameWidth)x\(frameHeight) at \(look.fps) fps")
    }

    /// The overlay text of a rollout's current frame.
    func label(_ rollout: PolicyRollout, episode: Int) -> String {
        var text = "ep \(episode) step \(rollout.steps)\nreward " + String(format: "%.2f", rollout.reward)
            + "\nreturn " + String(format: "%.1f", rollout.episodeReturn)
        if rollout.success > 0 { text += "\nsuccess" }
        return text
    }
}
