/*
 * label.c - place labels of the basemap: which places to show at the map's
 * scale, and where their labels go without touching each other or anything
 * the caller has already placed (markers, legend, furniture).
 */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


#define LBL_MAX 60          /* most labels on one map */
#define LBL_GAP_PT 2.0      /* between a dot's edge and its label */
#define LBL_PAD_PT 1.5      /* around a label box when testing collisions */
#define LBL_DOT_PAD_PT 0.25 /* around a dot box */
#define LBL_HALO_PT 1.2
#define LBL_RING_PT 1.3     /* a capital's ring, outside its dot */
#define LBL_SECOND_SCALE 0.92 /* Arabic-script line under the English one */
#define LBL_PI 3.14159265358979323846
#define LBL_COVERED_RINGS 5 /* label rings tried around a place under markers */
#define LBL_RING_STEP_PT 5.0 /* distance between those rings */
#define SAME_NAME_NEAR_PT 36 /* a site label this near a place of its name names both */

typedef struct cand {
    size_t i;        /* place index */
    double x, y;     /* device position */
    bool capital, admin;
    double pop;      /* 0 when unknown */
    size_t reserved; /* its dot's index in the reserved boxes, or SIZE_MAX */
} cand;

/* Does box b overlap one of boxes->v[lo .. hi)? */
static bool hits_range(const im_boxes *boxes, size_t lo, size_t hi, im_box b)
{
    for (size_t j = lo; j < hi && j < boxes->n; j++)
        if (im_box_overlap(boxes->v[j], b))
            return true;
    return false;
}

/* Does box b overlap one of the reserved dots other than number own? */
static bool hits_reserved(const im_boxes *reserved, im_box b, size_t own)
{
    for (size_t j = 0; j < reserved->n; j++)
        if (j != own && im_box_overlap(reserved->v[j], b))
            return true;
    return false;
}

/* Smallest population labelled at 1:denominator: about 300k at 1:10M,
 * 100k at 1:4M, 30k at 1:1.5M. */
static double min_population(double denominator)
{
    if (!(denominator > 0))
        return 0;
    return 300000.0 * pow(denominator / 1e7, 1.2);
}

/* Capitals first, then by population (largest first), then by index so the
 * order never depends on qsort's stability. */
static int cand_cmp(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->capital != b->capital)
        return a->capital ? -1 : 1;
    if (a->pop != b->pop)
        return a->pop > b->pop ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static bool nonempty(const char *s) { return s && *s; }

/* Whether UTF-8 text holds a letter of the Arabic script (Arabic, Persian,
 * Kurdish): some "local" names in the data are only transliterations, which
 * would repeat the English line. */
static bool has_arabic_script(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        unsigned cp;
        int len;
        if (*p < 0x80) {
            p++;
            continue;
        } else if ((*p & 0xe0) == 0xc0) {
            cp = *p & 0x1f;
            len = 1;
        } else if ((*p & 0xf0) == 0xe0) {
            cp = *p & 0x0f;
            len = 2;
        } else if ((*p & 0xf8) == 0xf0) {
            cp = *p & 0x07;
            len = 3;
        } else {
            return false; /* invalid UTF-8 */
        }
        p++;
        for (int k = 0; k < len; k++, p++) {
            if ((*p & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (*p & 0x3f);
        }
        if ((cp >= 0x0620 && cp <= 0x064a) || (cp >= 0x066e && cp <= 0x06d3) ||
            (cp >= 0x06fa && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) ||
            (cp >= 0x08a0 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) ||
            (cp >= 0xfe70 && cp <= 0xfeff))
            return true;
    }
    return false;
}

/* The label's lines for a mode; either may be NULL. */
static void label_text(const im_basemap *bm, size_t i, im_label_mode mode, const char **l1,
                       const char **l2)
{
    const char *en = im_basemap_place_str(bm, i, "name");
    static const char *const local[] = {"name_ar", "name_fa", "name_ku"};
    const char *ar = NULL;
    for (int k = 0; k < 3 && !ar; k++) {
        ar = im_basemap_place_str(bm, i, local[k]);
        if (!nonempty(ar) || !has_arabic_script(ar))
            ar = NULL;
    }
    if (!nonempty(en))
        en = NULL;
    *l1 = *l2 = NULL;
    switch (mode) {
    case IM_LABELS_EN:
        *l1 = en;
        break;
    case IM_LABELS_AR:
        *l1 = ar ? ar : en;
        break;
    case IM_LABELS_BOTH:
        *l1 = en ? en : ar;
        if (en && ar && strcmp(en, ar) != 0)
            *l2 = ar;
        break;
    case IM_LABELS_NONE:
        break;
    }
}

static im_box box_make(double x0, double y0, double x1, double y1)
{
    im_box b = {x0, y0, x1, y1};
    return b;
}

static void draw_dot(cairo_t *cr, const im_view *view, double x, double y, double r,
                     bool capital, im_rgba fill)
{
    double pt = view->pt;
    cairo_save(cr);
    cairo_new_path(cr);
    if (capital) {
        double ring = r + LBL_RING_PT * pt;
        cairo_arc(cr, x, y, ring + 0.6 * pt, 0, 2 * LBL_PI);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_fill(cr);
        cairo_arc(cr, x, y, ring, 0, 2 * LBL_PI);
        cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, fill.a);
        cairo_set_line_width(cr, 0.7 * pt);
        cairo_stroke(cr);
        cairo_arc(cr, x, y, r * 0.8, 0, 2 * LBL_PI);
        cairo_fill(cr);
    } else {
        cairo_arc(cr, x, y, r + 0.5 * pt, 0, 2 * LBL_PI);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_fill(cr);
        cairo_arc(cr, x, y, r, 0, 2 * LBL_PI);
        cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, fill.a);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

/* Candidate positions in priority order: right, left, above, below,
 * upper-right, lower-right, upper-left, lower-left. align: 0 left-aligned
 * lines, 1 centred, 2 right-aligned. */
static void position(int k, double x, double y, double d, double w, double h, double *bx,
                     double *by, int *align)
{
    switch (k) {
    case 0: *bx = x + d; *by = y - h / 2; *align = 0; break;
    case 1: *bx = x - d - w; *by = y - h / 2; *align = 2; break;
    case 2: *bx = x - w / 2; *by = y - d - h; *align = 1; break;
    case 3: *bx = x - w / 2; *by = y + d; *align = 1; break;
    case 4: *bx = x + d; *by = y - d - h; *align = 0; break;
    case 5: *bx = x + d; *by = y + d; *align = 0; break;
    case 6: *bx = x - d - w; *by = y - d - h; *align = 2; break;
    default: *bx = x - d - w; *by = y + d; *align = 2; break;
    }
}

/* The leader of a label box lb to a place (x, y) under markers: from the
 * box's nearest point towards the place, ending where it meets the first
 * box in occupied (the markers' edge). False when that path first meets
 * something else than near the place: a leader crossing another label. */
static bool leader_end(const im_boxes *occupied, im_box lb, double x, double y, double pt,
                       double out[4])
{
    double ax = fmin(fmax(x, lb.x0), lb.x1), ay = fmin(fmax(y, lb.y0), lb.y1);
    double len = hypot(x - ax, y - ay), step = 0.5 * pt;
    out[0] = out[2] = ax;
    out[1] = out[3] = ay;
    for (double t = step; t < len; t += step) {
        double px = ax + (x - ax) * t / len, py = ay + (y - ay) * t / len;
        im_box probe = {px - 0.1 * pt, py - 0.1 * pt, px + 0.1 * pt, py + 0.1 * pt};
        if (im_boxes_hit(occupied, probe))
            /* the markers around the place start here; anything met
             * further than 14 pt from the place is in the way */
            return len - t <= 14 * pt;
        out[2] = px;
        out[3] = py;
    }
    return true;
}

/* Place and draw the labels of the basemap's "places" layer. Places are
 * chosen by scale (capitals always, others above a population that grows
 * with the scale denominator), inside the frame, capitals first then by
 * population, at most LBL_MAX labels. Each place's dot box and label box
 * (padded) is tested against *occupied and added to it, so boxes added
 * during one call never overlap each other or what was there before. A
 * place whose label finds no room is dropped, except capitals, which keep
 * their dot. A place whose dot lies under something already placed (the
 * caller's incident markers) gets no dot; if it matters (a capital, a
 * provincial seat, or four times the population threshold) its label is
 * still placed, on wider rings around the point, so the markers at Baghdad
 * or Erbil stay named. Errors: IM_ERR_NOMEM, IM_ERR_RENDER. */
/* Is place i (at x, y) already named by an incident site's label of the
 * same name nearby ("Kyiv" the site and "Kyiv" the city)? Then the place
 * is not labelled again: one name once, the site's. */
static bool named_by_site(const im_layout *lay, const im_basemap *bm, size_t i, double x,
                          double y, double pt)
{
    if (!lay)
        return false;
    static const char *const keys[] = {"name", "name_ar", "name_fa", "name_ku"};
    for (size_t k = 0; k < lay->n_items; k++) {
        const im_item *it = &lay->items[k];
        if (it->kind != IM_ITEM_SITE_LABEL || it->panel != lay->panel || !it->text ||
            hypot(it->ax - x, it->ay - y) > SAME_NAME_NEAR_PT * pt)
            continue;
        for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) {
            const char *name = im_basemap_place_str(bm, i, keys[j]);
            if (nonempty(name) && strcmp(name, it->text) == 0)
                return true;
        }
    }
    return false;
}

/* The box a capital's dot (with its ring) takes at (x, y). */
static im_box capital_dot(const im_basemap *bm, const im_view *view, double x, double y)
{
    double outer = (im_basemap_places_style(bm, "radius") + LBL_RING_PT + 0.35) * view->pt;
    double dp = LBL_DOT_PAD_PT * view->pt;
    return box_make(x - outer - dp, y - outer - dp, x + outer + dp, y + outer + dp);
}

static bool in_frame(const im_view *view, double x, double y)
{
    return isfinite(x) && isfinite(y) && x >= view->fx && y >= view->fy &&
           x <= view->fx + view->fw && y <= view->fy + view->fh;
}

im_status im_basemap_capital_dots(im_context *ctx, const im_basemap *bm, const im_view *view,
                                  const im_boxes *occupied, im_boxes *out)
{
    if (!bm || !view || !occupied || !out)
        return im_fail(ctx, IM_ERR_ARG, "im_basemap_capital_dots: missing argument");
    size_t n = im_basemap_place_count(bm);
    if (n == 0 || !im_basemap_places_visible(bm, view->denominator))
        return IM_OK;
    for (size_t i = 0; i < n; i++) {
        if (im_basemap_place_num(bm, i, "capital") == 0)
            continue;
        double x = im_basemap_place_num(bm, i, "lon"), y = im_basemap_place_num(bm, i, "lat");
        im_status st = im_view_project(ctx, view, &x, sizeof x, &y, sizeof y, 1);
        if (st != IM_OK)
            return st;
        if (!in_frame(view, x, y))
            continue;
        im_box dot = capital_dot(bm, view, x, y);
        if (!im_boxes_hit(occupied, dot) && im_boxes_add(out, dot) != IM_OK)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
    }
    return IM_OK;
}

im_status im_basemap_draw_labels(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                 const im_view *view, const im_style *st,
                                 im_label_mode mode, im_boxes *occupied)
{
    return im_basemap_place_labels(ctx, bm, cr, view, st, mode, occupied, 0, 0, NULL);
}

im_status im_basemap_place_labels(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                  const im_view *view, const im_style *st, im_label_mode mode,
                                  im_boxes *occupied, size_t furn_lo, size_t furn_hi,
                                  im_layout *lay)
{
    if (!bm || mode == IM_LABELS_NONE)
        return IM_OK;
    if (!cr || !view || !st || !occupied)
        return im_fail(ctx, IM_ERR_ARG, "im_basemap_draw_labels: missing argument");
    size_t n = im_basemap_place_count(bm);
    if (n == 0 || !im_basemap_places_visible(bm, view->denominator))
        return IM_OK;

    double *xy = im_malloc_array(n, 2 * sizeof(double));
    cand *c = im_malloc_array(n, sizeof *c);
    im_boxes reserved = {0};
    im_status status = IM_OK;
    if (!xy || !c) {
        status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        xy[2 * i] = im_basemap_place_num(bm, i, "lon");
        xy[2 * i + 1] = im_basemap_place_num(bm, i, "lat");
    }
    status = im_view_project(ctx, view, xy, 2 * sizeof(double), xy + 1, 2 * sizeof(double), n);
    if (status != IM_OK)
        goto done;

    const double pt = view->pt;
    double radius = im_basemap_places_style(bm, "radius") * pt;
    double font = im_basemap_places_style(bm, "font_size");
    double cap_font = im_basemap_places_style(bm, "capital_font_size");
    im_rgba fill = im_basemap_places_fill(bm);
    double threshold = min_population(view->denominator);
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        double x = xy[2 * i], y = xy[2 * i + 1];
        if (!in_frame(view, x, y))
            continue;
        double pop = im_basemap_place_num(bm, i, "population");
        bool capital = im_basemap_place_num(bm, i, "capital") != 0;
        bool admin = im_basemap_place_num(bm, i, "admin_capital") != 0;
        if (!isfinite(pop))
            pop = 0;
        if (!capital && !(pop >= threshold) && !(admin && pop >= threshold / 2))
            continue;
        c[nc].i = i;
        c[nc].x = x;
        c[nc].y = y;
        c[nc].capital = capital;
        c[nc].admin = admin;
        c[nc].pop = pop;
        nc++;
    }
    qsort(c, nc, sizeof *c, cand_cmp);

    const double pad = LBL_PAD_PT * pt;
    const double dp = LBL_DOT_PAD_PT * pt;
    const double cap_outer = radius + (LBL_RING_PT + 0.35) * pt;
    /* The dots of capitals in the clear are kept free before any name is
     * placed: otherwise Port-au-Prince's name, placed first, runs over
     * Kingston's dot, and Kingston is then named with a leader to nothing. */
    for (size_t k = 0; k < nc; k++) {
        c[k].reserved = SIZE_MAX;
        if (!c[k].capital)
            continue;
        im_box dot = capital_dot(bm, view, c[k].x, c[k].y);
        if (im_boxes_hit(occupied, dot))
            continue;
        if ((status = im_boxes_add(&reserved, dot)) != IM_OK) {
            status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
            goto done;
        }
        c[k].reserved = reserved.n - 1;
    }
    size_t labels = 0;
    for (size_t k = 0; k < nc && labels < LBL_MAX; k++) {
        const cand *p = &c[k];
        double outer = p->capital ? cap_outer : radius;
        im_box dot = box_make(p->x - outer - dp, p->y - outer - dp, p->x + outer + dp,
                              p->y + outer + dp);
        /* A place whose dot lies under what is already placed is not
         * labelled (a name without its dot floats; the incident sites
         * there carry their own labels), except a capital: the reader
         * must find Baghdad under the embassy's markers. Its name goes
         * on wider rings around the markers with a leader to them. */
        bool covered = im_boxes_hit(occupied, dot) ||
                       (!p->capital && hits_reserved(&reserved, dot, p->reserved));
        if (covered && !p->capital)
            continue;
        /* A capital's name leads to the markers over it, not to a point a
         * label or another capital's dot hides (Ramallah beside Jerusalem
         * at 1:20M): that one is not named. */
        if (covered && !hits_range(occupied, 0, furn_lo, dot))
            continue;
        bool under_furniture = false; /* Athens under the legend: no name at all */
        for (size_t f = furn_lo; covered && f < furn_hi && f < occupied->n; f++)
            under_furniture = under_furniture || im_box_overlap(occupied->v[f], dot);
        if (under_furniture)
            continue;

        const char *line[2];
        label_text(bm, p->i, mode, &line[0], &line[1]);
        if (named_by_site(lay, bm, p->i, p->x, p->y, pt))
            continue;
        im_text_style ts[2];
        double w[2] = {0, 0}, h[2] = {0, 0};
        for (int j = 0; j < 2; j++) {
            memset(&ts[j], 0, sizeof ts[j]);
            ts[j].family = NULL;
            ts[j].size_pt = (p->capital ? cap_font : font) * (j == 1 ? LBL_SECOND_SCALE : 1.0);
            ts[j].bold = p->capital;
            ts[j].color = fill;
            ts[j].halo_pt = LBL_HALO_PT;
            ts[j].halo.r = ts[j].halo.g = ts[j].halo.b = 1;
            ts[j].halo.a = 0.9;
            if (line[j] && !im_text_measure(cr, view, st, &ts[j], line[j], &w[j], &h[j]))
                line[j] = NULL;
            if (!line[j])
                w[j] = h[j] = 0;
        }
        if (!line[0] && line[1]) { /* keep the first line first */
            line[0] = line[1];
            ts[0] = ts[1];
            w[0] = w[1];
            h[0] = h[1];
            line[1] = NULL;
            w[1] = h[1] = 0;
        }
        double W = fmax(w[0], w[1]), H = h[0] + h[1];
        double lead[4] = {0, 0, 0, 0}; /* a covered capital's leader: from the label to the markers */
        bool placed = false;
        double bx = 0, by = 0;
        int align = 0;
        int rings = covered ? LBL_COVERED_RINGS : 1;
        for (int ring = 0; line[0] && ring < rings && !placed; ring++) {
            double d = outer + (LBL_GAP_PT + ring * LBL_RING_STEP_PT) * pt;
            for (int pos = 0; pos < 8 && !placed; pos++) {
                position(pos, p->x, p->y, d, W, H, &bx, &by, &align);
                if (bx < view->fx || by < view->fy || bx + W > view->fx + view->fw ||
                    by + H > view->fy + view->fh)
                    continue;
                im_box b = box_make(bx - pad, by - pad, bx + W + pad, by + H + pad);
                if ((!covered && im_box_overlap(b, dot)) || im_boxes_hit(occupied, b) ||
                    hits_reserved(&reserved, b, p->reserved))
                    continue;
                if (covered && !leader_end(occupied, (im_box){bx, by, bx + W, by + H}, p->x,
                                           p->y, pt, lead))
                    continue;
                if ((!covered && (status = im_boxes_add(occupied, dot)) != IM_OK) ||
                    (status = im_boxes_add(occupied, b)) != IM_OK) {
                    status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
                    goto done;
                }
                placed = true;
            }
        }
        if (!placed && (covered || !p->capital))
            continue;
        if (!placed && (status = im_boxes_add(occupied, dot)) != IM_OK) {
            status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
            goto done;
        }
        if (!covered) {
            draw_dot(cr, view, p->x, p->y, radius, p->capital, fill);
            if (im_layout_add(lay, IM_ITEM_PLACE_DOT, dot, NULL, p->x, p->y, false) != IM_OK) {
                status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
                goto done;
            }
        }
        if (!placed)
            continue;
        if (covered && hypot(lead[2] - lead[0], lead[3] - lead[1]) > 1.5 * pt) {
            cairo_save(cr);
            cairo_move_to(cr, lead[0], lead[1]);
            cairo_line_to(cr, lead[2], lead[3]);
            cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, 0.8);
            cairo_set_line_width(cr, 0.5 * pt);
            cairo_stroke(cr);
            cairo_restore(cr);
        }
        if (im_layout_add(lay, IM_ITEM_PLACE_LABEL, (im_box){bx, by, bx + W, by + H}, line[0],
                          p->x, p->y, covered) != IM_OK) {
            status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (labels)");
            goto done;
        }
        double ty = by;
        for (int j = 0; j < 2; j++) {
            if (!line[j])
                continue;
            double tx = align == 0 ? bx : align == 1 ? bx + (W - w[j]) / 2 : bx + W - w[j];
            im_text_draw(cr, view, st, &ts[j], line[j], tx, ty);
            ty += h[j];
        }
        labels++;
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        status = im_fail(ctx, IM_ERR_RENDER, "labels: %s",
                         cairo_status_to_string(cairo_status(cr)));
done:
    im_boxes_free(&reserved);
    free(xy);
    free(c);
    return status;
}
