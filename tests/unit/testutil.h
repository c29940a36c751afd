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
/* Local differences: the worst window of side `tile` (windows overlap by
 * half, so a blob of up to tile/2 pixels always lies inside one) by its
 * share of pixels off by more than `thresh` in some channel (64 for marks,
 * 16 for faint lines such as the graticule). A missing marker, a
 * moved label or a wrong colour is a few dozen pixels: under any global
 * tolerance, but most of one window. Returns the worst share and where. */
static inline double tu_image_worst_region(const unsigned char *a, const unsigned char *b,
                                           unsigned w, unsigned h, unsigned tile, int thresh,
                                           unsigned *at_x, unsigned *at_y)
{
    double worst = 0;
    unsigned step = tile / 2 ? tile / 2 : 1;
    *at_x = *at_y = 0;
    for (unsigned y0 = 0; y0 < h; y0 += step)
        for (unsigned x0 = 0; x0 < w; x0 += step) {
            unsigned bad = 0, n = 0;
            for (unsigned y = y0; y < y0 + tile && y < h; y++)
                for (unsigned x = x0; x < x0 + tile && x < w; x++) {
                    size_t i = 4 * ((size_t)y * w + x);
                    int m = 0;
                    for (int c = 0; c < 4; c++) {
                        int d = abs(a[i + c] - b[i + c]);
                        m = d > m ? d : m;
                    }
                    bad += m > thresh;
                    n++;
                }
            double f = n ? (double)bad / (double)(tile * tile) : 0;
            if (f > worst) {
                worst = f;
                *at_x = x0;
                *at_y = y0;
            }
        }
    return worst;
}

/* Write a picture of the differences: the reference greyed and faded, and
 * every pixel off by more than 64 in red (more than 16: orange). */
static inline int tu_write_diff_png(const char *path, const unsigned char *out,
                                    const unsigned char *ref, unsigned w, unsigned h)
{
    unsigned char *d = malloc((size_t)w * h * 4);
    if (!d)
        return -1;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        int m = 0;
        for (int c = 0; c < 4; c++) {
            int v = abs(out[4 * i + c] - ref[4 * i + c]);
            m = v > m ? v : m;
        }
        int grey = (ref[4 * i] + ref[4 * i + 1] + ref[4 * i + 2]) / 3;
        unsigned char g = (unsigned char)(192 + grey / 4);
        d[4 * i] = m > 16 ? 255 : g;
        d[4 * i + 1] = m > 64 ? 0 : m > 16 ? 140 : g;
        d[4 * i + 2] = m > 16 ? 0 : g;
        d[4 * i + 3] = 255;
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = w;
    img.height = h;
    img.format = PNG_FORMAT_RGBA;
    int ok = png_image_write_to_file(&img, path, 0, d, 0, NULL);
    free(d);
    return ok ? 0 : -1;
}
#endif
