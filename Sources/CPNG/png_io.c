#include "CPNG.h"

#include <png.h>
#include <stdio.h>
#include <string.h>

int infom_png_write_rgb(const char* path, const unsigned char* rgb, int width, int height,
                        char* message, int message_size) {
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = (png_uint_32)width;
  image.height = (png_uint_32)height;
  image.format = PNG_FORMAT_RGB;
  if (!png_image_write_to_file(&image, path, 0, rgb, width * 3, NULL)) {
    snprintf(message, message_size, "%s", image.message);
    png_image_free(&image);
    return -1;
  }
  return 0;
}

static int begin_read(png_image* image, const char* path, char* message, int message_size) {
  memset(image, 0, sizeof *image);
  image->version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(image, path)) {
    snprintf(message, message_size, "%s", image->message);
    png_image_free(image);
    return -1;
  }
  image->format = PNG_FORMAT_RGB;
  return 0;
}

int infom_png_read_size(const char* path, int* width, int* height, char* message, int message_size) {
  png_image image;
  if (begin_read(&image, path, message, message_size) != 0) return -1;
  *width = (int)image.width;
  *height = (int)image.height;
  png_image_free(&image);
  return 0;
}

int infom_png_read_rgb(const char* path, unsigned char* rgb, int width, int height,
                       char* message, int message_size) {
  png_image image;
  if (begin_read(&image, path, message, message_size) != 0) return -1;
  if ((int)image.width != width || (int)image.height != height) {
    snprintf(message, message_size, "PNG is %ux%u, expected %dx%d", image.width, image.height,
             width, height);
    png_image_free(&image);
    return -1;
  }
  if (!png_image_finish_read(&image, NULL, rgb, width * 3, NULL)) {
    snprintf(message, message_size, "%s", image.message);
    png_image_free(&image);
    return -1;
  }
  return 0;
}
