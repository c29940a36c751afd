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
    IM_ITEM_FRAME, IM_ITEM_CALLOUT, IM_ITEM_ANNOTATION, IM_ITEM_KIND_COUNT
} im_item_kind;

typedef struct im_item {
    im_item_kind kind;
    im_box box;          /* device units */
    double ax, ay;       /* the point a label belongs to; NAN when none */
    bool leader;         /* a leader line joins the label to its markers */
    int panel;           /* facet panel, 0 for a single map */
    char *text;          /* owned, or NULL */
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
IM_NODISCARD im_status im_layout_add_mark(im_layout *lay, const im_mark *m);
/* Release what the layout holds (not the struct). Accepts NULL. */
void im_layout_clear(im_layout *lay);
/* Write the layout as JSON (points, two decimals) to path, atomically. */
IM_NODISCARD im_status im_layout_write_json(im_context *ctx, const im_layout *lay, const char *path);

#endif
