/*
 * png_settings.c - which libpng settings suit maps: encodes one image with
 * each combination of colour type (RGBA, or RGB when every pixel is
 * opaque), zlib level, zlib strategy and row filter, and prints the size and
 * the median CPU time of each (issue 21: the PNG settings were chosen with it).
 *
 *   cc -O2 png_settings.c $(pkg-config --cflags --libs libpng zlib) -o png_settings
 *   png_settings MAP.png [REPEATS]
 *
 * Output: one line per combination, "color level strategy filter bytes cpu_s".
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct sink {
    size_t n;
} sink;

static void count_write(png_structp png, png_bytep data, png_size_t len)
{
    (void)data;
    ((sink *)png_get_io_ptr(png))->n += len;
}

static void no_flush(png_structp png)
{
    (void)png;
}

/* Encode rows (RGBA or RGB, channels 4 or 3); returns the size, 0 on error. */
static size_t encode(png_bytep *rows, png_uint_32 w, png_uint_32 h, int channels, int level,
                     int strategy, int filters)
{
    sink s = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, &s, count_write, no_flush);
    png_set_compression_level(png, level);
    png_set_compression_strategy(png, strategy);
    png_set_filter(png, 0, filters);
    png_set_IHDR(png, info, w, h, 8, channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return s.n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: png_settings MAP.png [REPEATS]\n");
        return 1;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    if (repeats < 1 || repeats > 99)
        repeats = 3;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, argv[1]))
        return fprintf(stderr, "png_settings: %s: %s\n", argv[1], img.message), 1;
    img.format = PNG_FORMAT_RGBA;
    size_t stride = (size_t)img.width * 4;
    png_bytep rgba = malloc(stride * img.height), rgb = malloc((size_t)img.width * 3 * img.height);
    png_bytep *rows4 = malloc(img.height * sizeof *rows4), *rows3 = malloc(img.height * sizeof *rows3);
    if (!rgba || !rgb || !rows4 || !rows3 || !png_image_finish_read(&img, NULL, rgba, 0, NULL))
        return fprintf(stderr, "png_settings: cannot read %s\n", argv[1]), 1;
    int opaque = 1;
    for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
        opaque &= rgba[4 * i + 3] == 255;
        memcpy(rgb + 3 * i, rgba + 4 * i, 3);
    }
    for (png_uint_32 y = 0; y < img.height; y++) {
        rows4[y] = rgba + y * stride;
        rows3[y] = rgb + (size_t)y * img.width * 3;
    }
    static const int levels[] = {1, 2, 3, 6, 9};
    static const struct { const char *name; int z; } strategies[] = {
        {"default", Z_DEFAULT_STRATEGY}, {"filtered", Z_FILTERED}, {"rle", Z_RLE}};
    static const struct { const char *name; int f; } filters[] = {
        {"none", PNG_FILTER_NONE}, {"sub", PNG_FILTER_SUB}, {"up", PNG_FILTER_UP},
        {"adaptive", PNG_ALL_FILTERS}};
    printf("# %s: %ux%u, %s\n", argv[1], img.width, img.height, opaque ? "opaque" : "with alpha");
    for (int c = 4; c >= (opaque ? 3 : 4); c--)
        for (size_t l = 0; l < sizeof levels / sizeof *levels; l++)
            for (size_t s = 0; s < sizeof strategies / sizeof *strategies; s++)
                for (size_t f = 0; f < sizeof filters / sizeof *filters; f++) {
                    double t[99];
                    size_t bytes = 0;
                    for (int r = 0; r < repeats; r++) {
                        double t0 = cpu();
                        bytes = encode(c == 4 ? rows4 : rows3, img.width, img.height, c,
                                       levels[l], strategies[s].z, filters[f].f);
                        t[r] = cpu() - t0;
                    }
                    qsort(t, (size_t)repeats, sizeof *t, cmp_double);
                    printf("%s %d %s %s %zu %.4f\n", c == 4 ? "rgba" : "rgb", levels[l],
                           strategies[s].name, filters[f].name, bytes, t[repeats / 2]);
                }
    return 0;
}
