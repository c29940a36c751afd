/* testutil.h - file and image helpers shared by the test programs. */
#ifndef INCMAP_TESTUTIL_H
#define INCMAP_TESTUTIL_H

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read any PNG as 8-bit RGBA with libpng's simplified API; caller frees. */
static inline unsigned char *tu_read_rgba(const char *path, unsigned *w, unsigned *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return NULL;
    img.format = PNG_FORMAT_RGBA;
    unsigned char *buf = malloc(PNG_IMAGE_SIZE(img));
    if (!buf || !png_image_finish_read(&img, NULL, buf, 0, NULL)) {
        free(buf);
        return NULL;
    }
    *w = img.width;
    *h = img.height;
    return buf;
}

static inline int tu_copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb"), *out = in ? fopen(dst, "wb") : NULL;
    if (!in || !out) {
        if (in)
            fclose(in);
        return -1;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    return fclose(out);
}

/* 1 when both files exist and hold the same bytes. */
static inline int tu_same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb)
            same = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}
/* Compare two RGBA buffers of n pixels: the share of pixels whose largest
 * channel difference exceeds 64 (*bad_frac) and the mean absolute channel
 * difference (*mean). */
static inline void tu_image_diff(const unsigned char *a, const unsigned char *b, size_t n,
                                 double *bad_frac, double *mean)
{
    size_t bad = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        int worst = 0;
        for (int c = 0; c < 4; c++) {
            int d = abs(a[4 * i + c] - b[4 * i + c]);
            sum += d;
            worst = d > worst ? d : worst;
        }
        bad += worst > 64;
    }
    *bad_frac = n ? (double)bad / (double)n : 0;
    *mean = n ? sum / (4.0 * (double)n) : 0;
}
#endif
