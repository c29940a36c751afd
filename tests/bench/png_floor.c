/*
 * png_floor.c - the PNG half of the benchmark's "floor": how long libpng
 * takes to encode an image of the same size and content as a map.
 *
 *   cc -O2 png_floor.c $(pkg-config --cflags --libs libpng) -o png_floor
 *   png_floor IMAGE.png [REPEATS] [LEVEL]
 *
 * Reads IMAGE.png (untimed) as 8-bit RGBA, then encodes it REPEATS times
 * (default 3) to a temporary file with the same settings incmap uses (RGB
 * for an opaque map, else RGBA; no interlace; no row filter; zlib LEVEL,
 * default 6),
 * and prints the median encode time in seconds, wall-clock then CPU (the
 * write to the file included, as in a render). Exit status 0 on success, 1 on any failure.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: png_floor IMAGE.png [REPEATS] [LEVEL]\n");
        return 1;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    int level = argc > 3 ? atoi(argv[3]) : 6;
    if (repeats < 1 || repeats > 99)
        repeats = 3;

    png_image img = {0};
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, argv[1])) {
        fprintf(stderr, "png_floor: %s: %s\n", argv[1], img.message);
        return 1;
    }
    int alpha = (img.format & PNG_FORMAT_FLAG_ALPHA) != 0; /* as incmap wrote it */
    img.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    size_t stride = (size_t)img.width * (alpha ? 4 : 3);
    png_bytep pixels = malloc(stride * img.height);
    if (!pixels || !png_image_finish_read(&img, NULL, pixels, (png_int_32)stride, NULL)) {
        fprintf(stderr, "png_floor: %s: cannot decode\n", argv[1]);
        return 1;
    }
    png_uint_32 w = img.width, h = img.height;
    png_image_free(&img);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.floor.tmp", argv[1]);
    double t[99], c[99];
    for (int r = 0; r < repeats; r++) {
        double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        FILE *fp = fopen(tmp, "wb");
        png_structp png = fp ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL)
                             : NULL;
        png_infop info = png ? png_create_info_struct(png) : NULL;
        if (!info) {
            fprintf(stderr, "png_floor: cannot start the encoder\n");
            return 1;
        }
        if (setjmp(png_jmpbuf(png))) {
            fprintf(stderr, "png_floor: encoding failed\n");
            return 1;
        }
        png_init_io(png, fp);
        png_set_compression_level(png, level);
        png_set_filter(png, 0, PNG_FILTER_NONE);
        png_set_IHDR(png, info, w, h, 8, alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (png_uint_32 y = 0; y < h; y++)
            png_write_row(png, pixels + (size_t)y * stride);
        png_write_end(png, info);
        png_destroy_write_struct(&png, &info);
        if (fclose(fp) != 0) {
            fprintf(stderr, "png_floor: cannot write %s\n", tmp);
            return 1;
        }
        t[r] = now(CLOCK_MONOTONIC) - t0;
        c[r] = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
    unlink(tmp);
    free(pixels);
    qsort(t, (size_t)repeats, sizeof t[0], cmp_double);
    qsort(c, (size_t)repeats, sizeof c[0], cmp_double);
    printf("%.4f %.4f\n", t[repeats / 2], c[repeats / 2]);
    return 0;
}
