/// The cube families (1, 2, 3, 4 or 8 cubes): pick-and-place and stacking.
struct CubeTask: ManipulationTask {
    let family: ManipulationFamily

    func randomizeObjects(in world: ManipulationWorld, random: inout NumpyRandomState) throws {
        world.scatterCubes(in: family.objectSamplingBounds, random: &random)
    }

    func placeGoal(of spec: ManipulationTaskSpec, cubeGoals: [SIMD3<Double>], in world: ManipulationWorld) throws {
        world.placeCubesOnGoals(cubeGoals)
    }

    func placeStart(of spec: ManipulationTaskSpec, cubeStarts: [SIMD3<Double>], cubeGoals: [SIMD3<Double>],
                    in world: ManipulationWorld, random: inout NumpyRandomState) throws {
        world.placeCubes(near: cubeStarts, goals: cubeGoals, random: &random)
    }

    func drawSubtask(in world: ManipulationWorld, stackProbability: Double,
                     random: inout NumpyRandomState) throws -> ManipulationSubtask {
        .cube(world.drawCubeTarget(among: Array(0..<family.cubeCount), bounds: family.objectSamplingBounds,
                                   stackProbability: stackProbability, drawer: nil, random: &random))
    }

    func appendObservation(of world: ManipulationWorld, to out: inout [Float]) {
        world.appendCubeObservations(to: &out)
    }
}
