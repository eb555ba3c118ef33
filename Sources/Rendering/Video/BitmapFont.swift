/// A 5×7 pixel font for the few characters video overlays need (digits, `. - = : +`, space and
/// the lowercase letters of "step", "reward", "return", "success", "episode", "fail").
enum BitmapFont {
    static let width = 5, height = 7

    /// Rows top to bottom, `#` = ink.
    static let glyphs: [Character: [String]] = [
        "0": [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        "1": ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        "2": [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        "3": ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        "4": ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        "5": ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        "6": ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        "7": ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        "8": [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        "9": [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
        ".": ["     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "],
        "-": ["     ", "     ", "     ", "#####", "     ", "     ", "     "],
        "+": ["     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "],
        "=": ["     ", "     ", "#####", "     ", "#####", "     ", "     "],
        ":": ["     ", " ##  ", " ##  ", "     ", " ##  ", " ##  ", "     "],
        " ": ["     ", "     ", "     ", "     ", "     ", "     ", "     "],
        "a": ["     ", "     ", " ### ", "    #", " ####", "#   #", " ####"],
        "c": ["     ", "     ", " ### ", "#    ", "#    ", "#   #", " ### "],
        "d": ["    #", "    #", " ## #", "#  ##", "#   #", "#   #", " ####"],
        "e": ["     ", "     ", " ### ", "#   #", "#####", "#    ", " ### "],
        "f": ["  ## ", " #  #", " #   ", "###  ", " #   ", " #   ", " #   "],
        "i": ["  #  ", "     ", " ##  ", "  #  ", "  #  ", "  #  ", " ### "],
        "l": [" ##  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        "n": ["     ", "     ", "# ## ", "##  #", "#   #", "#   #", "#   #"],
        "o": ["     ", "     ", " ### ", "#   #", "#   #", "#   #", " ### "],
        "p": ["     ", "     ", "#### ", "#   #", "#### ", "#    ", "#    "],
        "r": ["     ", "     ", "# ## ", "##  #", "#    ", "#    ", "#    "],
        "s": ["     ", "     ", " ####", "#    ", " ### ", "    #", "#### "],
        "t": [" #   ", " #   ", "###  ", " #   ", " #   ", " #  #", "  ## "],
        "u": ["     ", "     ", "#   #", "#   #", "#   #", "#  ##", " ## #"],
        "w": ["     ", "     ", "#   #", "#   #", "# # #", "# # #", " # # "],
    ]

    /// Draws `text` into `image` with its top-left corner at (x, y), each font pixel a
    /// `scale`×`scale` block of `color`, on a dark band for contrast. Unknown characters and
    /// pixels outside the image are skipped.
    static func draw(_ text: String, into image: inout RGBImage, x: Int, y: Int, scale: Int, color: SIMD3<UInt8>) {
        let advance = (width + 1) * scale
        let bandWidth = text.count * advance + scale, bandHeight = (height + 2) * scale
        for by in max(0, y - scale)..<min(image.height, y - scale + bandHeight) {
            for bx in max(0, x - scale)..<min(image.width, x - scale + bandWidth) {
                let p = 3 * (by * image.width + bx)
                for c in 0..<3 { image.pixels[p + c] /= 3 }
            }
        }
        for (k, character) in text.enumerated() {
            guard let rows = glyphs[character] else { continue }
            for (row, line) in rows.enumerated() {
                for (column, mark) in line.enumerated() where mark == "#" {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            let px = x + k * advance + column * scale + dx, py = y + row * scale + dy
                            guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
                            let p = 3 * (py * image.width + px)
                            image.pixels[p] = color.x; image.pixels[p + 1] = color.y; image.pixels[p + 2] = color.z
                        }
                    }
                }
            }
        }
    }
}

extension RGBImage {
    /// Writes `text` (digits, `. - + = :` and the letters of step/reward/return/success/episode/fail;
    /// one line per `\n`) in the top-left corner on dark bands, scaled to the frame (2× from 384
    /// pixels wide).
    public mutating func drawLabel(_ text: String, color: SIMD3<UInt8> = SIMD3(255, 255, 255)) {
        let scale = width >= 384 ? 2 : 1
        for (line, content) in text.split(separator: "\n").enumerated() {
            BitmapFont.draw(String(content), into: &self, x: 2 * scale, y: (2 + line * (BitmapFont.height + 3)) * scale,
                            scale: scale, color: color)
        }
    }

    /// `images` (all of this image's size) in a grid of `columns` columns, row by row; empty
    /// cells stay black.
    public static func tiled(_ images: [RGBImage], columns: Int) -> RGBImage {
        precondition(!images.isEmpty && columns > 0, "tiling needs images and a positive column count")
        let w = images[0].width, h = images[0].height
        let rows = (images.count + columns - 1) / columns
        var out = RGBImage(width: w * columns, height: h * rows)
        for (i, image) in images.enumerated() {
            precondition(image.width == w && image.height == h, "tiled images must share one size")
            let ox = (i % columns) * w, oy = (i / columns) * h
            for y in 0..<h {
                let src = 3 * y * w, dst = 3 * ((oy + y) * out.width + ox)
                out.pixels.replaceSubrange(dst..<(dst + 3 * w), with: image.pixels[src..<(src + 3 * w)])
            }
        }
        return out
    }
}
