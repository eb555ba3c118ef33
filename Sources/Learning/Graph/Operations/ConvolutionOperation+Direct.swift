import CVectorMath

/// Float convolutions without a patch matrix: each image is copied once, zero-padded (and
/// rectified when the convolution reads ReLU(x)), into its thread's scratch, and the C kernels
/// of `CVectorMath/convolution.c` multiply it by the kernel in registers. The input gradient is
/// the same kernel over the padded output gradient with the kernel flipped and transposed. The
/// kernel gradient adds fixed groups of images into their own partial sums, which are then
/// added in order, so the result does not depend on the number of threads.
extension ConvolutionOperation {
    /// Images whose kernel-gradient contributions share one partial sum.
    static var imagesPerKernelGradientGroup: Int { 4 }

    /// Rows and columns of an image padded for the kernels: the kernel's reach, and columns up
    /// to the last register block of output pixels.
    private static func paddedSize(_ geo: ConvolutionGeometry) -> (height: Int, width: Int) {
        let pixels = Int(INFOM_CONVOLUTION_PIXELS)
        let blocks = (geo.width + pixels - 1) / pixels
        return (geo.height + geo.kernelHeight - 1, blocks * pixels + geo.kernelWidth - 1)
    }

    /// Feature blocks of `count` values: (blocks, blocks · lanes).
    private static func lanes(_ count: Int) -> (blocks: Int, width: Int) {
        let lanes = Int(INFOM_CONVOLUTION_LANES), blocks = (count + lanes - 1) / lanes
        return (blocks, blocks * lanes)
    }

    /// Copies `rows` rows of `width` values into rows of `paddedWidth` (zeros after them).
    private static func packRows(_ source: UnsafePointer<Float>, rows: Int, width: Int, paddedWidth: Int,
                                 into target: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = target + r * paddedWidth
            row.update(from: source + r * width, count: width)
            (row + width).update(repeating: 0, count: paddedWidth - width)
        }
    }

    /// Copies image `image` of `x` into `pad` as the kernels read it: zero-padded for the kernel's
    /// reach and the last pixel block, rectified when the convolution reads ReLU(x).
    private static func padImage(_ geo: ConvolutionGeometry, _ x: UnsafePointer<Float>, _ image: Int, rectify: Bool,
                                 into pad: UnsafeMutablePointer<Float>) {
        let padded = paddedSize(geo)
        infom_convolution_pad(x + image * geo.pixels * geo.channels, geo.height, geo.width, geo.channels, geo.padTop,
                              geo.padLeft, padded.height, padded.width, rectify ? 1 : 0, pad)
    }

    /// y = conv(x, K) + b for every image.
    static func directForward(_ geo: ConvolutionGeometry, rectify: Bool, x: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                              bias: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, scratch: (Int) -> UnsafeMutablePointer<Float>) {
        let (c, o) = (geo.channels, geo.features), (blocks, lanes) = lanes(o), padded = paddedSize(geo)
        let kernelSize = geo.patch * lanes, padSize = padded.height * padded.width * c
        let memory = scratch(kernelSize + lanes + ParallelParts.cores * padSize)
        packRows(kernel, rows: geo.patch, width: o, paddedWidth: lanes, into: memory)
        packRows(bias, rows: 1, width: o, paddedWidth: lanes, into: memory + kernelSize)
        ParallelParts.forEachPart(geo.images, costPerItem: geo.pixels * geo.patch * o) { part, images in
            let pad = memory + kernelSize + lanes + part * padSize
            for image in images {
                padImage(geo, x, image, rectify: rectify, into: pad)
                infom_convolution_image(pad, padded.width, c, memory, geo.kernelHeight, geo.kernelWidth, blocks,
                                        geo.height, geo.width, o, memory + kernelSize, nil, 0, y + image * geo.pixels * o)
            }
        }
    }

    /// dK += Σ_images patchesᵀ · dy, in groups of ``imagesPerKernelGradientGroup`` images added in order.
    static func directKernelGradient(_ geo: ConvolutionGeometry, rectify: Bool, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                     dKernel: UnsafeMutablePointer<Float>, scratch: (Int) -> UnsafeMutablePointer<Float>) {
        let (c, o) = (geo.channels, geo.features), (blocks, lanes) = lanes(o), padded = paddedSize(geo)
        let padSize = padded.height * padded.width * c, stageSize = lanes == o ? 0 : geo.pixels * lanes
        let partialSize = geo.patch * lanes, group = imagesPerKernelGradientGroup
        let groups = (geo.images + group - 1) / group
        let memory = scratch(ParallelParts.cores * (padSize + stageSize) + groups * partialSize)
        let partials = memory + ParallelParts.cores * (padSize + stageSize)
        ParallelParts.forEachPart(groups, costPerItem: group * geo.pixels * geo.patch * o) { part, range in
            let pad = memory + part * (padSize + stageSize), stage = pad + padSize
            for index in range {
                let partial = partials + index * partialSize
                partial.update(repeating: 0, count: partialSize)
                for image in (index * group)..<Swift.min(geo.images, (index + 1) * group) {
                    padImage(geo, x, image, rectify: rectify, into: pad)
                    var upstream = dy + image * geo.pixels * o
                    if stageSize > 0 {
                        packRows(upstream, rows: geo.pixels, width: o, paddedWidth: lanes, into: stage)
                        upstream = UnsafePointer(stage)
                    }
                    infom_convolution_kernel_gradient(pad, padded.width, c, upstream, geo.height, geo.width,
                                                      geo.kernelHeight, geo.kernelWidth, blocks, partial)
                }
            }
        }
        for row in 0..<geo.patch {
            for f in 0..<o {
                var sum = dKernel[row * o + f]
                for index in 0..<groups { sum += partials[index * partialSize + row * lanes + f] }
                dKernel[row * o + f] = sum
            }
        }
    }

    /// dx += the convolution of dy with K flipped in space and transposed in channels (only
    /// where x > 0 when the convolution reads ReLU(x)).
    static func directInputGradient(_ geo: ConvolutionGeometry, rectify: Bool, x: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
                                    dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                    scratch: (Int) -> UnsafeMutablePointer<Float>) {
        let (c, o) = (geo.channels, geo.features), (blocks, lanes) = lanes(c), padded = paddedSize(geo)
        let (kh, kw) = (geo.kernelHeight, geo.kernelWidth)
        let kernelSize = kh * kw * o * lanes, padSize = padded.height * padded.width * o
        let memory = scratch(kernelSize + ParallelParts.cores * padSize)
        memory.update(repeating: 0, count: kernelSize)
        for i in 0..<kh {
            for j in 0..<kw {
                let flipped = ((kh - 1 - i) * kw + (kw - 1 - j)) * c
                for f in 0..<o {
                    for ch in 0..<c { memory[((i * kw + j) * o + f) * lanes + ch] = kernel[(flipped + ch) * o + f] }
                }
            }
        }
        ParallelParts.forEachPart(geo.images, costPerItem: geo.pixels * geo.patch * o) { part, images in
            let pad = memory + kernelSize + part * padSize
            for image in images {
                infom_convolution_pad(dy + image * geo.pixels * o, geo.height, geo.width, o, kh - 1 - geo.padTop,
                                      kw - 1 - geo.padLeft, padded.height, padded.width, 0, pad)
                let at = image * geo.pixels * c
                infom_convolution_image(pad, padded.width, o, memory, kh, kw, blocks, geo.height, geo.width, c, nil,
                                        rectify ? x + at : nil, 1, dx + at)
            }
        }
    }
}
