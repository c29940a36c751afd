/* layout.h - the placement of one render as data: every marker and cluster
 * with its placed and true positions, every label with the point it
 * belongs to and whether a leader joins them, every piece of furniture and
 * page text, in device units. Placement code fills it; draw code paints
 * what it holds; im_layout_write_json() dumps it in points for tests. */
#ifndef IM_LAYOUT_H
#define IM_LAYOUT_H

#include "im_private.h"

typedef enum im_item_kind {
    IM_ITEM_TITLE, IM_ITEM_SUBTITLE, IM_ITEM_CREDIT, IM_ITEM_FOOTER, IM_ITEM_LEGEND,
    IM_ITEM_SCALEBAR, IM_ITEM_NORTH, IM_ITEM_INSET, IM_ITEM_SITE_LABEL, IM_ITEM_PLACE_LABEL,
    IM_ITEM_PLACE_DOT, IM_ITEM_PANEL_TITLE, IM_ITEM_TIMELINE, IM_ITEM_GRATICULE_LABEL,
    IM_ITEM_FRAME, IM_ITEM_CALLOUT, IM_ITEM_ANNOTATION,
    IM_ITEM_SITE_UNLABELLED, /* a site of IM_SITE_LABEL_DUE incidents or more left unnamed: why */
    IM_ITEM_KIND_COUNT
} im_item_kind;

/* Sites of this many incidents or more get their name (site_label.c), or a
 * "site_unlabelled" entry in the dump saying why not. */
#define IM_SITE_LABEL_DUE 20

typedef struct im_item {
    im_item_kind kind;
    im_box box;          /* device units */
    double ax, ay;       /* the point a label belongs to; NAN when none */
    bool leader;         /* a leader line joins the label to its markers */
    int panel;           /* facet panel, 0 for a single map */
    char *text;          /* owned, or NULL */
    double lead[4];      /* the leader as drawn (x0, y0, x1, y1), when has_lead */
    bool has_lead;
} im_item;

typedef struct im_mark {
    double x, y, sx, sy; /* placed and true positions, device units */
    double r;            /* half the symbol's size */
    size_t n;            /* 1, or the incidents a cluster stands for */
    int panel;
    size_t site;         /* offset of the site name in the set's pool (0: none) */
    /* symbology, with --size-by or --color-by FIELD (im_symbology_mark) */
    bool sym;            /* the members below are set */
    double value;        /* the value sized by; NAN when unknown or not sized */
    int sclass;          /* IM_SIZE_VALUE, _ZERO, _UNKNOWN */
    char fill[10];       /* "#rrggbb" */
    char category[64];   /* the category's legend label, "" when not by field */
} im_mark;

/* One entry of the legend as drawn: what it stands for (role: "category",
 * "weapon", "size", "size-zero", "size-unknown", "heading"), its text, its
 * box (symbol and text) and the symbol's fill and size value. */
typedef struct im_legend_entry {
    char role[16];
    char *text;          /* owned */
    im_box box;
    char fill[10];       /* "#rrggbb", "" when none */
    double value;        /* size entries: the value; NAN otherwise */
    double d;            /* size entries: the circle's diameter (device units) */
} im_legend_entry;

struct im_layout {
    double pt;           /* device units per point */
    double page_w, page_h; /* device units */
    im_item *items;
    size_t n_items, cap_items;
    im_mark *marks;
    size_t n_marks, cap_marks;
    int panel;           /* the panel being placed */
    const im_incidents *set;
    im_legend_entry *legend;  /* the legend's entries (legend.c) */
    size_t n_legend, cap_legend;
    bool incomplete;     /* an add ran out of memory: the dump refuses to be written */
    /* names and draw order (layout_carto.c) */
    struct im_layout_name *names;
    size_t n_names, cap_names;
    struct im_layout_draw *draws;
    size_t n_draws, cap_draws;
    bool has_inset_extent;  /* the inset's red box of the main map's extent */
    im_box inset_extent;
};

/* Record a legend entry (text copied). IM_ERR_NOMEM. lay may be NULL. */
IM_NODISCARD im_status im_layout_add_legend(im_layout *lay, const im_legend_entry *e);
/* Fill a mark's symbology members from a placed point (symbology.c). */
void im_symbology_mark(const im_scene *sc, const im_placed *p, im_mark *mk);
/* "#rrggbb" of a colour into buf (at least 8 bytes). */
void im_color_hex(im_rgba c, char *buf, size_t size);

/* Add an item (text copied; NULL allowed). IM_ERR_NOMEM. lay may be NULL
 * (nothing recorded). */
IM_NODISCARD im_status im_layout_add(im_layout *lay, im_item_kind kind, im_box box, const char *text,
                                     double ax, double ay, bool leader);
/* The leader drawn for the item added last: from (x0, y0) at the label
 * to (x1, y1) at its symbol; into the dump as "leader_line". */
void im_layout_set_leader(im_layout *lay, double x0, double y0, double x1, double y1);
/* Room for one more element in the layout's array *v of *cap elements
 * (n used) of size elem, doubling from first: true, or false with the
 * layout marked incomplete (out of memory). */
bool im_layout_room(im_layout *lay, void **v, size_t *cap, size_t n, size_t elem, size_t first);
IM_NODISCARD im_status im_layout_add_mark(im_layout *lay, const im_mark *m);
/* Release what the layout holds (not the struct). Accepts NULL. */
void im_layout_clear(im_layout *lay);
/* Write the layout as JSON (points, two decimals) to path, atomically. */
IM_NODISCARD im_status im_layout_write_json(im_context *ctx, const im_layout *lay, const char *path);

/* ---- names and draw order (layout_carto.c) ------------------------- */

/* One name drawn on the map: kind ("country", "sea", "lake", "river",
 * "place", "inset-country"; static strings), its text, its box, the point
 * it is placed at (a place's dot, a country's anchor, the middle of a
 * river's stretch) and its angle (radians; rivers), device units. */
typedef struct im_layout_name {
    const char *kind;
    char *text;          /* owned */
    im_box box;
    double ax, ay, angle;
    int panel;
} im_layout_name;

/* One layer as drawn, in drawing order: its name ("land", "rivers",
 * "borders", "markers", "site-labels", ...), its group ("basemap",
 * "incidents", "labels", "inset", ...), the colours and line widths used
 * (points; one per rank drawn), the dash, the raster's opacity and how
 * many features it drew. */
#define IM_DRAW_MAX_WIDTHS 8
typedef struct im_layout_draw {
    char name[32];
    char group[16];
    char fill[10], stroke[10]; /* "#rrggbb", "" when none */
    double fill_alpha, stroke_alpha;
    double widths[IM_DRAW_MAX_WIDTHS];
    int n_widths;
    bool dashed;
    double opacity;      /* NAN when not a raster */
    double size_pt;      /* markers: symbol size; labels: font size; NAN when none */
    size_t features;
    int panel;
} im_layout_draw;

/* Record a name (text copied). IM_ERR_NOMEM. lay may be NULL. */
IM_NODISCARD im_status im_layout_add_name(im_layout *lay, const char *kind, const char *text,
                                          im_box box, double ax, double ay, double angle);
/* Record the names im_names_draw() placed, under kind (NULL: each one's
 * own kind). IM_ERR_NOMEM. */
IM_NODISCARD im_status im_layout_add_names(im_layout *lay, const im_name_labels *l,
                                           const char *kind);
/* Record a drawn layer (copied). IM_ERR_NOMEM. lay may be NULL. */
IM_NODISCARD im_status im_layout_add_draw(im_layout *lay, const im_layout_draw *d);
/* A draw record with only name and group set (the rest empty/NAN). */
im_layout_draw im_layout_draw_named(const char *name, const char *group);
/* Release the names and draw records (im_layout_clear calls it). */
void im_layout_carto_clear(im_layout *lay);
/* Add "names" and "draw_order" to the dump's root object. false: no memory. */
bool im_layout_carto_json(const im_layout *lay, void *root);

#endif
