import Datasets
import Foundation
import Rendering
import Suite

/// A video of an episode stored in a dataset file (ours or OGBench's), drawn from its states:
/// each row's qpos, qvel and button states are set in the environment the file's metadata (or
/// `env`) names and rendered. Serves `infom render --dataset`.
struct StoredEpisodeVideo {
    var dataset: String
    var episode: Int
    var env: String?
    var look = VideoLook()

    func write(to out: String) throws {
        let file = try DatasetFile(path: dataset)
        let id = try environmentID(of: file)
        let rows = try episodeRows(file)
        let environment = try EnvironmentRegistry.make(id)
        let model = environment.simulation.model
        let buttons = try EnvironmentRegistry.entry(id).manipulationFamily?.buttonCount ?? 0
        let success = file.has(DatasetKeys.success) ? try file.archive.array(DatasetKeys.success, as: Float.self) : nil
        _ = try environment.reset()
        let width = look.width, height = look.height
        let renderer = try OffscreenRenderer(model: model, width: width, height: height, options: look.renderOptions)
        let view = look.view(of: environment)
        let writer = try VideoWriter(path: out, width: width, height: height, fps: look.fps)
        if let notice = writer.notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }
        var frame = RGBImage(width: width, height: height)
        let states = try file.states(rows: rows, nq: model.nq, nv: model.nv, na: model.na, buttons: buttons)
        for (row, state) in zip(rows, states) {
            try environment.show(qpos: state.qpos, qvel: state.qvel, buttonStates: state.buttonStates)
            try renderer.render(environment.simulation, camera: view, into: &frame)
            if look.overlay {
                var text = "ep \(episode) step \(row - rows.lowerBound)"
                if let success, success[row] > 0 { text += "\nsuccess" }
                frame.drawLabel(text)
            }
            try writer.append(frame)
        }
        try writer.finish()
        print("wrote \(writer.path): \(writer.frameCount) frames of \(width)x\(height) at \(look.fps) fps (\(dataset) episode \(episode), \(id))")
    }

    /// The environment to draw in: the metadata's, or `env` for files without one (OGBench's),
    /// which must then be of the file's domain.
    private func environmentID(of file: DatasetFile) throws -> String {
        let recorded = file.metadata.map(\.env).flatMap { (try? EnvironmentRegistry.entry($0)) != nil ? $0 : nil }
        switch (env, recorded) {
        case let (env?, _):
            try file.requireDomain(of: env)
            return env
        case let (nil, recorded?):
            return recorded
        case (nil, nil):
            throw CommandFailure(message: "\(dataset) does not say which environment it was recorded in (no metadata); name it with --env ID")
        }
    }

    /// The rows of episode `episode` (episodes end on rows with terminals = 1).
    private func episodeRows(_ file: DatasetFile) throws -> Range<Int> {
        let ends = try file.terminals().enumerated().filter(\.element).map(\.offset)
        guard episode < ends.count else {
            throw CommandFailure(message: "\(dataset) has episodes 0…\(ends.count - 1), not episode \(episode); choose one it has")
        }
        return (episode == 0 ? 0 : ends[episode - 1] + 1)..<(ends[episode] + 1)
    }
}
