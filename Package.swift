// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "InFOM",
    products: [
        .library(name: "MuJoCo", targets: ["MuJoCo"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "Suite", targets: ["Suite"]),
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

        // Swift layers, bottom to top.
        .target(name: "MuJoCo", dependencies: ["CMuJoCo"]),
        .target(name: "Rendering", dependencies: ["MuJoCo", "CMuJoCo", "CGLContext", "CPNG"]),
        .target(name: "Suite", dependencies: ["MuJoCo", "Rendering"]),
        .target(name: "Datasets", dependencies: ["MuJoCo", "Suite", "CZlib"]),
        .target(name: "Learning", dependencies: [
            "Datasets", "COpenBLAS", "CVectorMath", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        .target(name: "Agents", dependencies: ["Learning", "Datasets", "Suite"]),
        .executableTarget(
            name: "infom",
            dependencies: [
                "MuJoCo", "Rendering", "Suite", "Datasets", "Learning", "Agents", "CMuJoCo", "COpenBLAS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", dependencies: ["Datasets", "Learning", "CZlib"], path: "Tests/TestSupport"),
        .testTarget(name: "COpenBLASTests", dependencies: ["COpenBLAS"]),
        .testTarget(name: "MuJoCoTests", dependencies: ["MuJoCo", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "MuJoCo", "TestSupport"]),
        .testTarget(name: "SuiteTests", dependencies: ["Suite", "Datasets", "MuJoCo", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Datasets", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Suite", "Rendering", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "AgentsTests", dependencies: ["Agents", "Learning", "Datasets", "Suite", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "InfomCommandTests", dependencies: ["infom", "Rendering", "Suite", "Datasets", "Learning", "Agents", "TestSupport"]),
    ]
)
