// PNG files through libpng's simplified API.
#ifndef INFOM_CPNG_H
#define INFOM_CPNG_H

#ifdef __cplusplus
extern "C" {
#endif

/// Writes 8-bit RGB pixels (rows top first, `width * 3` bytes each) to `path`. Returns 0 on
/// success, otherwise fills `message`.
int infom_png_write_rgb(const char* path, const unsigned char* rgb, int width, int height,
                        char* message, int message_size);

/// Reads the size of the PNG at `path`. Returns 0 on success, otherwise fills `message`.
int infom_png_read_size(const char* path, int* width, int* height, char* message, int message_size);

/// Reads the PNG at `path` as 8-bit RGB into `rgb` (`width * height * 3` bytes, sizes from
/// `infom_png_read_size`). Returns 0 on success, otherwise fills `message`.
int infom_png_read_rgb(const char* path, unsigned char* rgb, int width, int height,
                       char* message, int message_size);

#ifdef __cplusplus
}
#endif

#endif
