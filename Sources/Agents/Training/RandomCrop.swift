import Learning

/// Random-crop augmentation of stacked images already in a batch (spec infom.md §5.4): each image
/// [H, W, C] of `images` is edge-padded by `pad` pixels and read through a window at (dy, dx),
/// both uniform in 0…2·pad and drawn per image, into `crops`. Cropping an uncropped image equals
/// reading its frames through the same window, as ``TransitionDataset`` does.
func randomCrops(of images: [Float], into crops: inout [Float], imageShape: [Int], pad: Int, random: inout SeededRandom) {
    let (height, width, channels) = (imageShape[0], imageShape[1], imageShape[2]), size = height * width * channels
    precondition(images.count == crops.count && images.count % size == 0, "randomCrops: \(images.count) values for images of \(imageShape)")
    images.withUnsafeBufferPointer { source in
        crops.withUnsafeMutableBufferPointer { target in
            for n in 0..<images.count / size {
                let dy = Int(random.next() % UInt64(2 * pad + 1)), dx = Int(random.next() % UInt64(2 * pad + 1))
                let image = source.baseAddress! + n * size, crop = target.baseAddress! + n * size
                for y in 0..<height {
                    let sy = min(max(y + dy - pad, 0), height - 1)
                    for x in 0..<width {
                        let sx = min(max(x + dx - pad, 0), width - 1)
                        (crop + (y * width + x) * channels).update(from: image + (sy * width + sx) * channels, count: channels)
                    }
                }
            }
        }
    }
}
