import MuJoCo

/// The one list of environment IDs in the project, and how to make each.
public enum EnvironmentRegistry {
    /// An entry: an id, its observation and action sizes, and a constructor.
    public struct Entry: Sendable {
        public let id: String
        public let family: String
        public let observationSize: Int
        public let actionSize: Int
        /// Whether observations are 64×64 RGB frames (OGBench's `visual-…` ids): `make` returns
        /// the state environment with the visual look; wrap it in ``PixelEnvironment``.
        public var pixels = false
        let make: @Sendable (UInt32) throws -> any Environment<[Float]>

        /// The observation shape users see: [size], or [64, 64, 3] for visual ids.
        public var observationShape: [Int] { pixels ? [64, 64, 3] : [observationSize] }

        /// The OGBench family of a manipulation id (cube, scene, puzzle), nil for locomotion.
        public var manipulationFamily: ManipulationFamily? { ManipulationFamily.all.first { $0.stem == family } }
    }

    /// All registered environments, in listing order.
    public static let entries: [Entry] = locomotionEntries + manipulationEntries

    /// All ids, in listing order.
    public static var ids: [String] { entries.map(\.id) }

    /// Makes the environment `id` with its random generator seeded with `seed` (dm_control's
    /// `task_kwargs={'random': seed}`; ExORL and InFOM use 1).
    public static func make(_ id: String, seed: UInt32 = 1) throws -> any Environment<[Float]> {
        try entry(id).make(seed)
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

    /// OGBench's manipulation ids (§1.1, §1.2): goal-conditioned, single-task (default and
    /// task1…5), each also `visual-`.
    private static let manipulationEntries: [Entry] = {
        var entries: [Entry] = []
        for family in ManipulationFamily.all {
            for visual in [false, true] where !(visual && family == .cube(count: 8)) {
                let prefix = visual ? "visual-" : ""
                let goalID = "\(prefix)\(family.stem)-v0"
                var entry = Entry(id: goalID, family: family.stem, observationSize: family.observationSize, actionSize: 5) { seed in
                    try ManipulationEnvironment(id: goalID, family: family, pixels: visual, seed: seed)
                }
                entry.pixels = visual
                entries.append(entry)
                for task in [nil] + Array(1...5) {
                    let id = "\(prefix)\(family.stem)-singletask\(task.map { "-task\($0)" } ?? "")-v0"
                    var single = Entry(id: id, family: family.stem, observationSize: family.observationSize, actionSize: 5) { seed in
                        try ManipulationEnvironment(id: id, family: family, rewardTask: task ?? family.defaultSingleTask,
                                                    successTiming: .pre, permuteCubes: false, pixels: visual, seed: seed)
                    }
                    single.pixels = visual
                    entries.append(single)
                }
            }
        }
        return entries
    }()

    private static let locomotionEntries: [Entry] = {
        func entry<Task: LocomotionTask>(
            _ id: String, _ family: String, observation: Int, action: Int,
            model: @escaping @Sendable () throws -> Model, task: @escaping @Sendable (Model) throws -> Task
        ) -> Entry {
            Entry(id: id, family: family, observationSize: observation, actionSize: action) { seed in
                let model = try model()
                return try LocomotionEnvironment(id: id, task: try task(model), model: model, seed: seed)
            }
        }
        let walker: @Sendable () throws -> Model = { try LocomotionModel.load(domain: "walker") }
        let cheetah: @Sendable () throws -> Model = { try LocomotionModel.load(domain: "cheetah") }
        let cheetahLongGround: @Sendable () throws -> Model = {
            try LocomotionModel.load(domain: "cheetah", floor: (from: "100 .8 .5", to: "200 .8 .5"))
        }
        let quadruped: @Sendable () throws -> Model = { try LocomotionModel.load(domain: "quadruped") }
        let quadrupedLargeFloor: @Sendable () throws -> Model = {
            try LocomotionModel.load(domain: "quadruped", floor: (from: "10 10 .5", to: "100 100 .5"))
        }
        var entries: [Entry] = WalkerTask.Kind.allCases.map { kind in
            entry("walker_\(kind.rawValue)", "walker", observation: 24, action: 6, model: walker) {
                try WalkerTask(kind: kind, model: $0)
            }
        }
        let cheetahTasks: [(String, Double, Double)] = [
            ("run", 10, 1), ("run_backward", 10, -1), ("walk", 2, 1), ("walk_backward", 2, -1),
        ]
        for (name, speed, direction) in cheetahTasks {
            entries.append(entry("cheetah_\(name)", "cheetah", observation: 17, action: 6,
                                 model: name == "run" ? cheetah : cheetahLongGround) {
                try CheetahTask(speed: speed, direction: direction, model: $0)
            })
        }
        for kind in QuadrupedTask.Kind.allCases {
            entries.append(entry("quadruped_\(kind.rawValue)", "quadruped", observation: 78, action: 12,
                                 model: kind == .run ? quadrupedLargeFloor : quadruped) {
                try QuadrupedTask(kind: kind, model: $0)
            })
        }
        return entries
    }()
}
