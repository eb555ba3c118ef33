// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "InFOM",
    products: [
        .library(name: "MuJoCo", targets: ["MuJoCo"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "Suite", targets: ["Suite"]),
        .library(name: "Support", targets: ["Support"]),
        .library(name: "ArrayFiles", targets: ["ArrayFiles"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "Agents", targets: ["Agents"]),
        .executable(name: "infom", targets: ["infom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // C shims: MuJoCo 2.2.2, headless GL contexts, PNG, OpenBLAS; float32 vector kernels.
        .target(
            name: "CMuJoCo",
            linkerSettings: [.linkedLibrary("mujoco")]
        ),
        .target(
            name: "CGLContext",
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]
        ),
        .target(
            name: "CPNG",
            linkerSettings: [.linkedLibrary("png16")]
        ),
        .systemLibrary(name: "COpenBLAS"),
        .target(name: "CVectorMath"),
        .systemLibrary(name: "CZlib"),

        // Swift layers, bottom to top: two stacks (simulation, learning) on a shared base.
        .target(name: "Support"),
        .target(name: "ArrayFiles", dependencies: ["Support", "CZlib"]),
        .target(name: "MuJoCo", dependencies: ["CMuJoCo", "Support"]),
        .target(name: "Rendering", dependencies: ["MuJoCo", "CMuJoCo", "CGLContext", "CPNG", "Support"]),
        .target(name: "Suite", dependencies: ["MuJoCo", "Rendering", "Support"]),
        .target(name: "Datasets", dependencies: ["Suite", "ArrayFiles", "Support"]),
        .target(name: "Learning", dependencies: [
            "ArrayFiles", "Support", "COpenBLAS", "CVectorMath", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .target(name: "Agents", dependencies: ["Learning", "Datasets", "Suite", "Rendering", "ArrayFiles", "Support"]),
        .target(name: "Benchmarks", dependencies: ["MuJoCo", "CMuJoCo", "Rendering", "Suite", "ArrayFiles", "Learning", "Agents", "COpenBLAS"]),
        .executableTarget(
            name: "infom",
            dependencies: [
                "MuJoCo", "Rendering", "Suite", "ArrayFiles", "Datasets", "Learning", "Agents", "Benchmarks", "Support",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test helpers: files and processes (no project module), and generators of dataset files.
        .target(name: "TestSupport", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
                path: "Tests/TestSupport"),
        .target(name: "DatasetTestSupport", dependencies: ["ArrayFiles", "Datasets", "Learning", "CZlib"],
                path: "Tests/DatasetTestSupport"),
        .testTarget(name: "COpenBLASTests", dependencies: ["COpenBLAS"]),
        .testTarget(name: "MuJoCoTests", dependencies: ["MuJoCo", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "MuJoCo", "TestSupport"]),
        .testTarget(name: "SuiteTests", dependencies: ["Suite", "ArrayFiles", "Datasets", "MuJoCo", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "ArrayFiles", "Support", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "ArrayFiles", "Suite", "Rendering", "TestSupport", "DatasetTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Learning", "ArrayFiles", "Datasets", "Suite", "TestSupport", "DatasetTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "InfomCommandTests", dependencies: ["infom", "Rendering", "Suite", "ArrayFiles", "Datasets", "Learning", "Agents", "TestSupport", "DatasetTestSupport"]),
    ]
)
