import MuJoCo

/// The one list of environment IDs in the project, and how to make each.
public enum EnvironmentRegistry {
    /// An entry: an id, its observation and action sizes, and a constructor.
    public struct Entry: Sendable {
        public let id: String
        public let family: String
        public let observationSize: Int
        public let actionSize: Int
        /// Whether observations are 64×64 RGB frames (the `visual-…` ids): `make` returns the state
        /// environment (with OGBench's visual look for manipulation); wrap it in ``PixelEnvironment``.
        public var pixels = false
        let constructor: @Sendable (UInt32) throws -> any Environment<[Float]>

        /// An entry of `family` with a constructor from a seed.
        init(id: String, family: String, observationSize: Int, actionSize: Int,
             make: @escaping @Sendable (UInt32) throws -> any Environment<[Float]>) {
            self.id = id
            self.family = family
            self.observationSize = observationSize
            self.actionSize = actionSize
            self.constructor = make
        }

        /// A locomotion task's entry: its domain and sizes come from the task type; the model is
        /// loaded and the task built for each environment made. With `visual`, the id is
        /// `visual-<id>` and observations are 64×64 frames from the task's pixel camera (the
        /// reference's: quadruped camera 2, the others camera 0).
        public static func locomotion<Task: LocomotionTask>(
            _ id: String, visual: Bool = false, model: @escaping @Sendable () throws -> Model,
            task: @escaping @Sendable (Model) throws -> Task
        ) -> Entry {
            let entryID = visual ? "visual-" + id : id
            var entry = Entry(id: entryID, family: Task.domain, observationSize: Task.observationSize, actionSize: Task.actionSize) { seed in
                let model = try model()
                return try LocomotionEnvironment(id: entryID, task: try task(model), model: model, seed: seed)
            }
            entry.pixels = visual
            return entry
        }

        /// The environment of this entry, seeded with `seed`.
        public func make(seed: UInt32 = 1) throws -> any Environment<[Float]> { try constructor(seed) }

        /// The observation shape users see: [size], or [64, 64, 3] for visual ids.
        public var observationShape: [Int] { pixels ? [64, 64, 3] : [observationSize] }

        /// The OGBench family of a manipulation id (cube, scene, puzzle), nil for locomotion.
        public var manipulationFamily: ManipulationFamily? { ManipulationFamily.all.first { $0.stem == family } }
    }

    /// All registered environments, in listing order: each domain's ids, registered beside its
    /// task definition (`WalkerTask+Registration.swift`, …).
    public static let entries: [Entry] = WalkerTask.registrations + CheetahTask.registrations
        + QuadrupedTask.registrations + JacoReachTask.registrations + ManipulationFamily.registrations

    /// All ids, in listing order.
    public static var ids: [String] { entries.map(\.id) }

    /// Makes the environment `id` with its random generator seeded with `seed` (dm_control's
    /// `task_kwargs={'random': seed}`; ExORL and InFOM use 1).
    public static func make(_ id: String, seed: UInt32 = 1) throws -> any Environment<[Float]> {
        try entry(id).make(seed: seed)
    }

    /// The data-collection form of a manipulation id (OGBench's `mode='data_collection'`): the
    /// same world and look (visual ids keep theirs), no evaluation task, 1001-step episodes and
    /// subtasks drawn by ``ManipulationEnvironment/setNewTarget(stackProbability:)``.
    public static func makeDataCollection(_ id: String, seed: UInt32 = 1) throws -> ManipulationEnvironment {
        try ManipulationEnvironment(id: id, family: try dataCollectionFamily(id), mode: .dataCollection,
                                    pixels: entry(id).pixels, seed: seed)
    }

    /// The manipulation family of `id`, or a clear error for ids without a data-collection form.
    public static func dataCollectionFamily(_ id: String) throws -> ManipulationFamily {
        guard let family = try entry(id).manipulationFamily else {
            throw EnvironmentError.unsupported(env: id, reason:
                "scripted data collection needs a manipulation env (cube, scene or puzzle); collect locomotion data with the random or rnd collector")
        }
        return family
    }

    /// The state form of an id: `visual-cube-single-v0` → `cube-single-v0`; other ids as they are.
    public static func stateID(of id: String) -> String {
        id.hasPrefix("visual-") ? String(id.dropFirst("visual-".count)) : id
    }

    /// The entry for `id`, or an error with suggestions.
    public static func entry(_ id: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.id == id }) else {
            throw EnvironmentError.unknownID(id, suggestions: suggestions(for: id))
        }
        return entry
    }

    /// Ids sharing the unknown id's family prefix, or close to it in spelling.
    static func suggestions(for id: String) -> [String] {
        let prefix = id.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map(String.init) ?? id
        let sameFamily = ids.filter { $0.hasPrefix(prefix) }
        if !sameFamily.isEmpty { return Array(sameFamily.prefix(6)) }
        return Array(ids.filter { editDistance($0, id) <= 3 }.prefix(3))
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
