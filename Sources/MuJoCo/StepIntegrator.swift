import CMuJoCo

/// How ``Simulation/step()`` integrates a timestep: with the model's own ``Model/integrator``,
/// or with an integrator MuJoCo 2.2.2 lacks.
public enum StepIntegrator: Sendable, Equatable {
    /// The integrator the model's options name (`mj_step`).
    case modelOption
    /// MuJoCo 3's `implicitfast`, which MuJoCo 2.2.2 lacks (`infom_mj_step_implicitfast`):
    /// velocities implicit in the actuators' velocity gains and in joint and tendon damping,
    /// with the Coriolis derivatives left out. OGBench steps its manipulation models with it.
    case implicitFast
}

extension Simulation {
    /// Chooses how ``step()`` integrates. `.implicitFast` needs a model without activations,
    /// muscles or fluid forces; other models throw ``MuJoCoError/unsupported(_:)``.
    public func use(_ integrator: StepIntegrator) throws {
        if integrator == .implicitFast, infom_implicitfast_supported(model.pointer) == 0 {
            throw MuJoCoError.unsupported("the implicitfast integrator needs a model without activations, muscle actuators or fluid forces")
        }
        stepIntegrator = integrator
    }
}
