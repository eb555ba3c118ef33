import CVectorMath

/// The sizes of a stride-1 "SAME" 2-D convolution over NHWC images (Flax's `nn.Conv` with
/// `padding='SAME'`): the output has the input's height and width, and the kernel
/// [kh, kw, C, O] is zero-padded by (k − 1)/2 before and the rest after.
struct ConvolutionGeometry: Equatable {
    let images: Int, height: Int, width: Int, channels: Int
    let kernelHeight: Int, kernelWidth: Int, features: Int

    var padTop: Int { (kernelHeight - 1) / 2 }
    var padLeft: Int { (kernelWidth - 1) / 2 }
    /// Elements of one im2col row: one kh × kw × C patch.
    var patch: Int { kernelHeight * kernelWidth * channels }
    var pixels: Int { height * width }

    /// Images per im2col chunk, so that the patch matrix stays near 4 M elements however large
    /// the batch (a 256 × 64 × 64 × 9 batch would otherwise need 340 MB).
    var imagesPerChunk: Int { Swift.max(1, Swift.min(images, (1 << 22) / Swift.max(1, pixels * patch))) }
    /// Elements of one chunk's patch matrix.
    var chunkElements: Int { imagesPerChunk * pixels * patch }
}

/// Stride-1 SAME 2-D convolution of NHWC images with a [kh, kw, C, O] kernel plus bias. Float
/// runs the direct C kernels (`ConvolutionOperation+Direct.swift`); Double is lowered to
/// im2col and gemm in chunks of images. With `rectifiesInput` it convolves ReLU(x), applying
/// the ReLU while it copies the input (padded image or patch matrix) and masking the input
/// gradient, so that ReLU(x) is never written out.
struct ConvolutionOperation<Scalar: TensorScalar>: GraphOperation {
    let geometry: ConvolutionGeometry
    var rectifiesInput = false

    /// Visits the patch matrix rows of `images` ([count·H·W, kh·kw·C], row (y, x), column
    /// (i, j, c)) one kernel row at a time: `visit(column, source, j0, j1)` gets the offset of
    /// the kh-row's kw·C run in the patch matrix, the range j0..<j1 of its kernel columns that
    /// fall inside the image (the rest is padding) and, when that image row exists, the offset in
    /// the images of kernel column j0's pixel (nil for a padding row). Inside the image those
    /// pixels are contiguous, so columns j0..<j1 are one contiguous run of (j1 − j0)·C values.
    @inline(__always)
    static func forEachKernelRow(images: Range<Int>, _ geo: ConvolutionGeometry,
                                 _ visit: (_ column: Int, _ source: Int?, _ j0: Int, _ j1: Int) -> Void) {
        let c = geo.channels, kw = geo.kernelWidth, run = kw * c
        for image in images {
            for y in 0..<geo.height {
                for x0 in 0..<geo.width {
                    var column = ((image * geo.height + y) * geo.width + x0) * geo.patch
                    let left = x0 - geo.padLeft
                    let j0 = Swift.max(0, -left), j1 = Swift.min(kw, geo.width - left)
                    for i in 0..<geo.kernelHeight {
                        let sy = y + i - geo.padTop
                        let inside = sy >= 0 && sy < geo.height
                        visit(column, inside ? ((image * geo.height + sy) * geo.width + left + j0) * c : nil, j0, j1)
                        column += run
                    }
                }
            }
        }
    }

    /// Writes the patch matrix of `count` images starting at `x` (of ReLU(x) when `rectify`)
    /// into `columns`; padding reads as zero. Large chunks are split by images over the cores.
    static func im2col(_ x: UnsafePointer<Scalar>, count: Int, _ geo: ConvolutionGeometry, rectify: Bool,
                       _ columns: UnsafeMutablePointer<Scalar>) {
        let c = geo.channels, run = geo.kernelWidth * c
        ParallelParts.forEach(count, costPerItem: geo.pixels * geo.patch) { images in
            forEachKernelRow(images: images, geo) { column, source, j0, j1 in
                let target = columns + column
                guard let source else { return target.update(repeating: 0, count: run) }
                if j0 > 0 { target.update(repeating: 0, count: j0 * c) }
                let inside = target + j0 * c, from = x + source, n = (j1 - j0) * c
                if rectify { UnaryFunction.rectify(from, inside, n) } else { inside.update(from: from, count: n) }
                if j1 * c < run { (target + j1 * c).update(repeating: 0, count: run - j1 * c) }
            }
        }
    }

    /// Adds the patch-matrix gradient `columns` back onto the images' gradient `dx` (the
    /// adjoint of ``im2col(_:count:_:rectify:_:)``); with `rectifiedFrom` (the images x of
    /// ReLU(x)) only where x > 0.
    static func col2im(_ columns: UnsafePointer<Scalar>, count: Int, _ geo: ConvolutionGeometry,
                       rectifiedFrom x: UnsafePointer<Scalar>?, _ dx: UnsafeMutablePointer<Scalar>) {
        let c = geo.channels
        ParallelParts.forEach(count, costPerItem: geo.pixels * geo.patch) { images in
            forEachKernelRow(images: images, geo) { column, source, j0, j1 in
                guard let source else { return }
                let from = columns + column + j0 * c, target = dx + source, n = (j1 - j0) * c
                if let x {
                    UnaryFunction.addRectifiedGradient(x + source, from, target, n)
                } else {
                    for k in 0..<n { target[k] += from[k] }
                }
            }
        }
    }

    /// y = conv(x, K) + b: Float directly; Double per chunk of images, the bias written into the chunk's rows, im2col into
    /// the graph's workspace, then one gemm [rows, patch]·[patch, O] accumulated onto the bias.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let geo = geometry
        if Scalar.self == Float.self {
            return Self.directForward(geo, rectify: rectifiesInput, x: floats(UnsafePointer(inputs[0].value)), kernel: floats(UnsafePointer(inputs[1].value)),
                                      bias: floats(UnsafePointer(inputs[2].value)), y: floats(node.value)) { floats(node.workspace.reserve($0)) }
        }
        let chunk = geo.imagesPerChunk, o = geo.features
        let columns = node.workspace.reserve(geo.chunkElements)
        for start in stride(from: 0, to: geo.images, by: chunk) {
            let count = Swift.min(chunk, geo.images - start), rows = count * geo.pixels
            AffineOperation.broadcastRows(inputs[2].value, rows: rows, width: o, into: node.value + start * geo.pixels * o)
            Self.im2col(inputs[0].value + start * geo.pixels * geo.channels, count: count, geo, rectify: rectifiesInput, columns)
            Scalar.gemm(transposeA: false, transposeB: false, m: rows, n: o, k: geo.patch, alpha: 1,
                        a: columns, lda: geo.patch, b: inputs[1].value, ldb: o,
                        beta: 1, c: node.value + start * geo.pixels * o, ldc: o)
        }
    }

    /// dK += colsᵀ·dy, db += Σ dy, dx += col2im(dy·Kᵀ): Float directly; Double recomputing each
    /// chunk's patch matrix.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let geo = geometry
        let (x, kernel, bias) = (inputs[0], inputs[1], inputs[2])
        let chunk = geo.imagesPerChunk, o = geo.features, g = node.gradient
        if bias.requiresGradient { AffineOperation.accumulateRowSums(g, rows: geo.images * geo.pixels, width: o, into: bias.gradient) }
        guard x.requiresGradient || kernel.requiresGradient else { return }
        if Scalar.self == Float.self {
            let scratch = { floats(node.workspace.reserve($0)) }
            if kernel.requiresGradient {
                Self.directKernelGradient(geo, rectify: rectifiesInput, x: floats(UnsafePointer(x.value)), dy: floats(UnsafePointer(g)),
                                          dKernel: floats(kernel.gradient), scratch: scratch)
            }
            if x.requiresGradient {
                Self.directInputGradient(geo, rectify: rectifiesInput, x: floats(UnsafePointer(x.value)), kernel: floats(UnsafePointer(kernel.value)),
                                         dy: floats(UnsafePointer(g)), dx: floats(x.gradient), scratch: scratch)
            }
            return
        }
        let columns = node.workspace.reserve(2 * geo.chunkElements), dColumns = columns + geo.chunkElements
        for start in stride(from: 0, to: geo.images, by: chunk) {
            let count = Swift.min(chunk, geo.images - start), rows = count * geo.pixels
            let gChunk = g + start * geo.pixels * o
            if kernel.requiresGradient {
                Self.im2col(x.value + start * geo.pixels * geo.channels, count: count, geo, rectify: rectifiesInput, columns)
                Scalar.gemm(transposeA: true, transposeB: false, m: geo.patch, n: o, k: rows, alpha: 1,
                            a: columns, lda: geo.patch, b: gChunk, ldb: o, beta: 1, c: kernel.gradient, ldc: o)
            }
            if x.requiresGradient {
                Scalar.gemm(transposeA: false, transposeB: true, m: rows, n: geo.patch, k: o, alpha: 1,
                            a: gChunk, lda: o, b: kernel.value, ldb: o, beta: 0, c: dColumns, ldc: geo.patch)
                let offset = start * geo.pixels * geo.channels
                Self.col2im(dColumns, count: count, geo, rectifiedFrom: rectifiesInput ? x.value + offset : nil, x.gradient + offset)
            }
        }
    }
}
