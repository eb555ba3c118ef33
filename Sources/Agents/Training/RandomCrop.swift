import Learning

/// Random-crop augmentation of stacked images already in a batch (spec infom.md §5.4): each image
/// [H, W, C] of `images` is read through a ``CropWindow`` of its own, drawn uniformly, into
/// `crops`. Cropping an uncropped image equals reading its frames through the same window, as
/// ``TransitionDataset`` does.
func randomCrops(of images: [Float], into crops: inout [Float], imageShape: [Int], pad: Int, random: inout SeededRandom) {
    let (height, width, channels) = (imageShape[0], imageShape[1], imageShape[2]), size = height * width * channels
    precondition(images.count == crops.count && images.count % size == 0, "randomCrops: \(images.count) values for images of \(imageShape)")
    images.withUnsafeBufferPointer { source in
        crops.withUnsafeMutableBufferPointer { target in
            for n in 0..<images.count / size {
                let window = CropWindow(pad: pad, random: &random)
                let image = source.baseAddress! + n * size, crop = target.baseAddress! + n * size
                window.forEachPixel(height: height, width: width) { to, from in
                    (crop + to * channels).update(from: image + from * channels, count: channels)
                }
            }
        }
    }
}
