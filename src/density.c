/* density.c - huge N as a density surface: the placed points are counted
 * in hexagonal (or square) cells laid out in device space, and each cell
 * is filled by its count on a logarithmic ramp, so a million points read
 * as a map instead of a solid blot. */
#include "im_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SQRT3 1.7320508075688772
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Hexagons are pointy-topped, in rows offset by half a cell ("odd-r"). */
static void hex_cell(double x, double y, double r, int *col, int *row)
{
    /* to axial, round in cube coordinates, back to offset */
    double q = (SQRT3 / 3 * x - y / 3) / r, rr = (2.0 / 3 * y) / r;
    double cx = q, cz = rr, cy = -cx - cz;
    double rx = round(cx), ry = round(cy), rz = round(cz);
    double dx = fabs(rx - cx), dy = fabs(ry - cy), dz = fabs(rz - cz);
    if (dx > dy && dx > dz)
        rx = -ry - rz;
    else if (dy <= dz)
        rz = -rx - ry;
    int iz = (int)rz;
    *row = iz;
    *col = (int)rx + (iz - (iz & 1)) / 2;
}

static void hex_center(int col, int row, double r, double *x, double *y)
{
    *x = r * SQRT3 * (col + 0.5 * (row & 1));
    *y = r * 1.5 * row;
}

im_status im_density_build(im_scene *sc, int mode)
{
    const im_view *v = sc->view;
    sc->density = mode;
    sc->cell = (mode == IM_DENSITY_HEX ? 5.0 : 8.0) * v->pt;
    double r = sc->cell;
    if (mode == IM_DENSITY_HEX) {
        sc->cols = (int)ceil(v->fw / (r * SQRT3)) + 2;
        sc->rows = (int)ceil(v->fh / (r * 1.5)) + 2;
    } else {
        sc->cols = (int)ceil(v->fw / r) + 1;
        sc->rows = (int)ceil(v->fh / r) + 1;
    }
    sc->cells = calloc((size_t)sc->cols * (size_t)sc->rows, sizeof *sc->cells);
    if (!sc->cells)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < sc->n; i++) {
        double x = sc->pts[i].x - v->fx, y = sc->pts[i].y - v->fy;
        int c, w;
        if (mode == IM_DENSITY_HEX)
            hex_cell(x, y, r, &c, &w);
        else
            c = (int)floor(x / r), w = (int)floor(y / r);
        if (c < 0 || w < 0 || c >= sc->cols || w >= sc->rows)
            continue;
        uint32_t *cell = &sc->cells[(size_t)w * (size_t)sc->cols + (size_t)c];
        if (++*cell > sc->cell_max)
            sc->cell_max = *cell;
    }
    return IM_OK;
}

im_rgba im_density_color(const im_scene *sc, uint32_t count)
{
    /* light yellow -> orange -> dark red, on log(1 + count) */
    static const im_rgba ramp[] = {{1.00, 0.93, 0.63, 1}, {0.99, 0.70, 0.30, 1},
                                   {0.94, 0.40, 0.17, 1}, {0.80, 0.09, 0.11, 1},
                                   {0.45, 0.00, 0.15, 1}};
    double t = sc->cell_max > 1 ? log1p((double)count - 1) / log((double)sc->cell_max) : 1;
    t = fmin(fmax(t, 0), 1) * 4;
    int i = (int)floor(t);
    if (i >= 4)
        return ramp[4];
    double f = t - i;
    im_rgba c = {ramp[i].r + (ramp[i + 1].r - ramp[i].r) * f,
                 ramp[i].g + (ramp[i + 1].g - ramp[i].g) * f,
                 ramp[i].b + (ramp[i + 1].b - ramp[i].b) * f, 1};
    return c;
}

void im_density_draw(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_view *v = sc->view;
    double r = sc->cell;
    cairo_save(cr);
    for (int w = 0; w < sc->rows; w++)
        for (int c = 0; c < sc->cols; c++) {
            uint32_t n = sc->cells[(size_t)w * (size_t)sc->cols + (size_t)c];
            if (!n)
                continue;
            if (sc->density == IM_DENSITY_HEX) {
                double x, y;
                hex_center(c, w, r, &x, &y);
                x += v->fx;
                y += v->fy;
                for (int k = 0; k < 6; k++) {
                    double a = M_PI / 6 + k * M_PI / 3;
                    double px = x + r * cos(a), py = y + r * sin(a);
                    if (k == 0)
                        cairo_move_to(cr, px, py);
                    else
                        cairo_line_to(cr, px, py);
                }
                cairo_close_path(cr);
            } else {
                cairo_rectangle(cr, v->fx + c * r, v->fy + w * r, r, r);
            }
            im_rgba col = im_density_color(sc, n);
            cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.88);
            cairo_fill(cr);
        }
    cairo_restore(cr);
}
