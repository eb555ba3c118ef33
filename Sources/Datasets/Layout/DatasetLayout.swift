import ArrayFiles

/// What each array of a dataset file must be (``DatasetKeys``): its element types, its rank and
/// the values it may hold. ``DatasetFile`` checks a file against it when it is opened.
enum DatasetLayout {
    /// The values an array may hold.
    enum Values {
        /// Any value of its type.
        case any
        /// Finite floats (no NaN, no infinity).
        case finite
        /// 0 or 1 only.
        case binary
    }

    /// One array's rule: the (dtype, rank) pairs it may have and its values.
    struct Rule {
        let forms: [(dtype: NPYDType, rank: Int)]
        let values: Values
        /// How the forms read in a message.
        var expected: String {
            forms.map { "\($0.dtype.rawValue) of rank \($0.rank)" }.joined(separator: " or ")
        }
    }

    /// Arrays every dataset file has.
    static let required = [DatasetKeys.observations, DatasetKeys.actions, DatasetKeys.terminals]

    /// The arrays our layout names. Other arrays must still have one row per time step, and
    /// finite values when they are floats.
    static let rules: [String: Rule] = [
        DatasetKeys.observations: Rule(forms: [(.float32, 2), (.uint8, 4)], values: .finite),
        DatasetKeys.actions: Rule(forms: [(.float32, 2)], values: .finite),
        // OGBench's own files store terminals as bool.
        DatasetKeys.terminals: Rule(forms: [(.float32, 1), (.bool, 1)], values: .binary),
        DatasetKeys.qpos: Rule(forms: [(.float32, 2)], values: .finite),
        DatasetKeys.qvel: Rule(forms: [(.float32, 2)], values: .finite),
        DatasetKeys.physics: Rule(forms: [(.float64, 2)], values: .finite),
        DatasetKeys.buttonStates: Rule(forms: [(.int64, 2)], values: .any),
        DatasetKeys.rewards: Rule(forms: [(.float32, 1)], values: .finite),
        DatasetKeys.masks: Rule(forms: [(.float32, 1)], values: .binary),
        DatasetKeys.success: Rule(forms: [(.float32, 1)], values: .binary),
    ]

    /// The rule of an array; unnamed arrays need finite floats and nothing else.
    static func rule(for name: String) -> Rule? { rules[name] }
}
