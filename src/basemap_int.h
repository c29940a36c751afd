/*
 * basemap_int.h - the in-memory basemap shared by basemap.c (manifest,
 * GeoJSON, drawing) and basemap_gpkg.c (GeoPackage reading). Not public.
 */
#ifndef INCMAP_BASEMAP_INT_H
#define INCMAP_BASEMAP_INT_H

#include "im_private.h"

#include <stdint.h>

#define BM_MAX_POSITIONS 50000000u /* positions in all layers of one basemap */
#define BM_MAX_LAYERS 64
#define BM_MAX_DASH 16
#define BM_MAX_RANKS 16
#define BM_VIEW_SCALE_SPAN 8.0     /* im_basemap_open_view reads scales down to 1/8 */
#define BM_AOI_WIDEN 0.30          /* widen the bbox by this share of its span */
#define BM_AOI_HOLD 0.05           /* im_basemap_holds: the frame's margin that must be read */
#define BM_DEV_LIMIT 1e7           /* device coordinates beyond this are dropped */
#define BM_RELIEF_STEP 8           /* warp grid spacing in relief image pixels */
#define BM_PI 3.14159265358979323846


typedef enum bm_kind { BM_AUTO, BM_POLYGON, BM_LINE, BM_POINT, BM_RASTER } bm_kind;

/* What one part of a geometry is: a polygon's exterior or interior ring
 * (stored without the closing position), a line string, or a run of
 * points. */
typedef enum bm_part_kind { PART_OUTER, PART_HOLE, PART_LINE, PART_POINTS } bm_part_kind;

typedef struct bm_part {
    size_t start, n;    /* positions xy[2*start .. 2*(start+n)) */
    bm_part_kind kind;
} bm_part;

typedef struct bm_feature {
    size_t part0, n_parts; /* parts[part0 .. part0+n_parts) */
    double bbox[4];        /* lon/lat W, S, E, N */
    long rank;             /* "rank" property; 0 when absent */
    char *name;            /* "name" property or NULL; owned */
} bm_feature;

/* A populated place (features of point layers). */
typedef struct bm_place {
    double lon, lat;
    char *name, *name_ar, *name_fa, *name_ku, *name_local, *country; /* owned, or NULL */
    double population;    /* NaN when absent */
    bool capital, admin_capital;
} bm_place;

typedef struct bm_style {
    bool has_fill, has_stroke;
    im_rgba fill, stroke;
    double width;                       /* points */
    double width_by_rank[BM_MAX_RANKS]; /* points, rank 1 first */
    int n_width_by_rank;
    double dash[BM_MAX_DASH];           /* points */
    int n_dash;
    double opacity;                     /* raster */
    double radius, font_size, capital_font_size; /* points */
} bm_style;

typedef struct bm_layer {
    char *name;          /* owned */
    char *path;          /* file it was read from; owned */
    bm_kind kind;
    bm_style style;
    bool user;           /* added with im_basemap_add_layer() */
    bool has_min_scale, has_max_scale;
    double min_scale, max_scale;
    /* vector */
    double *xy;          /* lon, lat pairs */
    size_t n_pos, cap_pos;
    bm_part *parts;
    size_t n_parts, cap_parts;
    bm_feature *features;
    size_t n_features, cap_features;
    bm_place *places;
    size_t n_places, cap_places;
    /* raster */
    unsigned char *pixels;
    uint32_t width, height;
    double inv[6];       /* lon/lat -> pixel (col, row): col = inv0*dx + inv1*dy, ... */
    double wf[6];        /* world file A, D, B, E, C, F */
} bm_layer;

struct im_basemap {
    char *name, *title, *attribution; /* owned, NULL when absent */
    im_rgba background;
    bool has_extent;
    double extent[4];
    bm_layer *layers;
    size_t n_layers, cap_layers;
    size_t n_positions;   /* over all layers, bounded by BM_MAX_POSITIONS */
    /* What the opener asked for: only data meeting aoi (lon/lat W, S, E, N)
     * and layers shown at some scale in 1:denominator .. 1:denominator_hi
     * are read (denominator 0: every layer). */
    bool has_aoi;
    double aoi[4];
    double denominator;
    double denominator_hi; /* layers shown anywhere in denominator..this are read */
    /* "attribution_parts": credit text per layer name; owned. */
    char **credit_layer, **credit_text;
    size_t n_credits;
    im_theme theme;       /* the style's theme when opened (colours by role) */
    struct bm_prefetch *prefetch; /* while the manifest's layers are read: files read ahead */
    char *names_path;             /* the "names" layer's file as read ahead, or NULL; owned */
    struct json_t *names_root;    /* its tree (im_basemap_names_tree); owned */
};

/* Append a part of n positions (lon/lat pairs; rings closed, the closing
 * position included) to feature f of layer L: checks ranges and the
 * position limit, orients rings (exteriors CCW, holes CW) and grows f's
 * bbox. Errors name `where`: IM_ERR_BASEMAP, IM_ERR_LIMIT, IM_ERR_NOMEM. */
IM_NODISCARD im_status bm_part_append(im_context *ctx, im_basemap *bm, bm_layer *L, bm_feature *f,
                                      const double *xy, size_t n, bm_part_kind kind, const char *where);
/* Append a finished feature (takes ownership of f->name) or a place
 * (takes ownership of its strings; freed here on failure too). */
IM_NODISCARD im_status bm_feature_push(im_context *ctx, bm_layer *L, bm_feature *f);
IM_NODISCARD im_status bm_place_push(im_context *ctx, bm_layer *L, bm_place *p);
void bm_place_clear(bm_place *p);

/* Read a GeoPackage table into layer L (basemap_gpkg.c). With aoi (W, S, E,
 * N; E may exceed 180 across the antimeridian) only the features whose
 * R-tree box meets it are read. */
IM_NODISCARD im_status bm_gpkg_load(im_context *ctx, im_basemap *bm, bm_layer *L, const char *table,
                                    const double *aoi);

/* Layer files read ahead on a helper thread while the opener reads the
 * layers in order (basemap_prefetch.c). Start with the n files the layers
 * will read (gray[i]: a relief PNG, else GeoJSON); NULL when there is
 * nothing to overlap or no thread (the opener reads everything itself).
 * Take a file's tree (the caller's, NULL: read it yourself) or grey pixels
 * (malloc'd, the caller's; false: read them yourself); each file is taken
 * once. Stop joins the helper and frees what was not taken. */
typedef struct bm_prefetch bm_prefetch;
bm_prefetch *bm_prefetch_start(im_context *ctx, const char *const *paths, const bool *gray,
                               size_t n);
struct json_t *bm_prefetch_json(im_context *ctx, bm_prefetch *pf, const char *path);
/* Whether the helper holds path decoded, or is decoding it (then this
 * waits): true when bm_prefetch_json would return its tree at once. */
bool bm_prefetch_done(bm_prefetch *pf, const char *path);
bool bm_prefetch_gray(bm_prefetch *pf, const char *path, unsigned char **pixels, uint32_t *w,
                      uint32_t *h);
void bm_prefetch_stop(bm_prefetch *pf);

#endif
