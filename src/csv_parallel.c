/* csv_parallel.c - a CSV file's rows parsed on all cores.
 *
 * After the header, the reader (incident_csv.c) turns rows into records
 * in file order; parsing them (libcsv's state machine, the fields' checks
 * and copies) is a third of a big CSV's load and needs nothing but the
 * bytes, so worker threads parse ahead of it, as json_parallel.c decodes
 * a JSON array ahead:
 *
 * - The rest of the file is cut into chunks of whole lines, in order, one
 *   at a time, by whichever thread claims the next: from a chunk's start,
 *   CHUNK_BYTES on, then to the next line break outside double quotes
 *   (quotes counted from the chunk's start, which is between rows), in
 *   ring.c's ordered ring: at most IM_RING_SLOTS chunks are in flight.
 * - Each chunk is parsed by its own libcsv parser, with the reader's
 *   options, fed a line at a time as the reader feeds it, and each field is
 *   stored by the reader's own code (im_csv_field_put). Line numbers count
 *   from the chunk's first line; the reader adds where that line is.
 * - A chunk is handed over only if it parsed cleanly and ended between
 *   rows, as libcsv itself saw it. That is what makes the cut right, not
 *   the quote count: if the count was fooled (a quote inside an unquoted
 *   field, which the reader reports as an error), the chunk ends inside a
 *   field, or parses wrongly and then fails. Every other chunk - a syntax
 *   error, a field over the limit, a row too wide, the last piece of the
 *   file (which needs libcsv's end-of-input handling) - is left to the
 *   reader, which parses it and all after it serially, with the messages
 *   the serial reader gives. Chunks are taken in order, so the first one
 *   left to the reader ends the pool: the rows handed over before it are
 *   exactly the rows the serial reader would have made.
 *
 * Threads: as json_parallel.c (INCMAP_THREADS, else the CPUs up to 4);
 * the reader parses a chunk itself when none is ready for it. Chunks are
 * cut the same way whatever the threads, and the reader makes the same
 * records from a chunk's rows as from its own, so the load is the same.
 */
#include "im_private.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_BYTES_DEFAULT (256 * 1024)
#define MIN_REST_BYTES (1024 * 1024) /* a shorter rest is read serially */
#define DEFAULT_THREADS 4

typedef struct chunk {
    size_t start, end;      /* the input's bytes [start, end) */
    bool ok;                /* parsed cleanly, ending between rows */
    im_csvrow *rows;
    size_t n_rows, cap_rows;
    size_t *off;            /* every row's fields' offsets in the row, row after row */
    unsigned char *flags;
    size_t n_f, cap_f;
    im_buf text;            /* every field's bytes and NUL */
    /* while parsing */
    size_t line;            /* line breaks before the piece being parsed: at the end, all */
    size_t row_first_f, row_text; /* the current row's first field and first byte */
    size_t row_start, row_line, nf;
    bool fail;
} chunk;

struct im_csvpool {
    const char *data;
    size_t size;
    size_t chunk_bytes;
    im_csvopts o;
    size_t scan_pos;      /* where the next chunk starts (the ring's lock) */
    chunk chunks[IM_RING_SLOTS];
    im_ring *ring;
};

/* Cut the next chunk (im_ring_cut_fn): none when the rest is the file's
 * last line (the reader's then). */
static int cut_chunk(void *user, size_t slot)
{
    im_csvpool *p = user;
    chunk *c = &p->chunks[slot];
    const char *d = p->data;
    size_t start = p->scan_pos, i = start, size = p->size;
    bool quoted = false;
    for (; i < size; i++) {
        char ch = d[i];
        if (ch == '"') {
            quoted = !quoted;
        } else if (!quoted && i - start >= p->chunk_bytes &&
                   (ch == '\n' || (ch == '\r' && i + 1 < size && d[i + 1] != '\n'))) {
            i++;
            break;
        }
    }
    /* the file's last line: libcsv must see the end of input there */
    if (i >= size)
        return IM_RING_NONE;
    c->start = start;
    c->end = i;
    p->scan_pos = i;
    return IM_RING_CUT;
}

/* libcsv's callbacks' argument: the chunk being parsed and the options. */
typedef struct parse {
    chunk *c;
    const im_csvopts *o;
} parse;

static void on_field(void *s, size_t len, void *data)
{
    parse *ps = data;
    chunk *c = ps->c;
    if (c->fail)
        return;
    if (c->nf == 0) {
        size_t breaks = im_csv_line_breaks(s, len);
        c->row_line = c->line >= breaks ? c->line - breaks : 0;
        c->row_first_f = c->n_f;
        c->row_text = c->text.len;
    }
    if (c->nf >= ps->o->max_cols) {
        c->fail = true; /* the reader reports it */
        return;
    }
    if (!im_csv_fields_room(&c->off, &c->flags, &c->cap_f, c->n_f + 1)) {
        c->fail = true;
        return;
    }
    size_t at = c->text.len;
    int flag = im_csv_field_put(&c->text, s, len, ps->o->latin1, ps->o->max_bytes);
    if (flag < 0) {
        c->fail = true;
        return;
    }
    c->off[c->n_f] = at - c->row_text;
    c->flags[c->n_f] = (unsigned char)flag;
    c->n_f++;
    c->nf++;
}

static void on_row(int term, void *data)
{
    (void)term;
    parse *ps = data;
    chunk *c = ps->c;
    if (!c->fail && c->n_rows == c->cap_rows) {
        size_t cap = c->cap_rows ? c->cap_rows * 2 : 1024;
        im_csvrow *v = im_realloc_array(c->rows, cap, sizeof *v);
        if (!v)
            c->fail = true;
        else
            c->rows = v, c->cap_rows = cap;
    }
    if (!c->fail) /* the pointers are set when the chunk is done: the arrays may move */
        c->rows[c->n_rows++] = (im_csvrow){.line = c->row_line, .start = c->row_start,
                                           .nf = c->nf, .text_len = c->text.len - c->row_text,
                                           .f0 = c->row_first_f, .t0 = c->row_text};
    c->nf = 0;
}

static int is_space_only(unsigned char ch) { return ch == ' '; }

/* Parse the chunk as the reader's feed() parses lines (incident_csv.c;
 * im_ring_work_fn). */
static void parse_chunk(void *user, size_t slot)
{
    im_csvpool *p = user;
    chunk *c = &p->chunks[slot];
    c->n_rows = c->n_f = c->nf = 0;
    c->text.len = 0;
    c->line = 0;
    c->fail = false;
    c->ok = false;
    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return;
    csv_set_delim(&cp, (unsigned char)p->o.delim);
    if (p->o.tab_spaces)
        csv_set_space_func(&cp, is_space_only);
    parse ps = {c, &p->o};
    const char *d = p->data;
    size_t pos = c->start, end = c->end;
    while (pos < end && !c->fail) {
        size_t e = pos;
        bool newline = false;
        if (cp.pstate == 0 && c->nf == 0) /* a row starts here */
            c->row_start = pos;
        while (e < end && d[e] != '\n' && d[e] != '\r')
            e++;
        if (e < end) {
            newline = true;
            e += d[e] == '\r' && e + 1 < p->size && d[e + 1] == '\n' ? 2 : 1;
        }
        if (csv_parse(&cp, d + pos, e - pos, on_field, on_row, &ps) != e - pos ||
            cp.entry_pos > p->o.max_bytes + 4)
            c->fail = true;
        pos = e;
        if (newline)
            c->line++;
    }
    /* between rows, as libcsv sees it: the cut was right */
    c->ok = !c->fail && cp.pstate == 0 && c->nf == 0 && pos == end;
    csv_free(&cp);
    if (c->ok) /* the rows' pointers, now that the arrays stay */
        for (size_t k = 0; k < c->n_rows; k++) {
            im_csvrow *r = &c->rows[k];
            r->off = c->off + r->f0;
            r->flags = c->flags + r->f0;
            r->text = c->text.data + r->t0;
        }
}

im_csvpool *im_csvpool_start(const char *data, size_t size, size_t pos, const im_csvopts *o)
{
    int threads = im_helper_threads(DEFAULT_THREADS);
    size_t min = MIN_REST_BYTES, chunk_bytes = im_parse_block_bytes(CHUNK_BYTES_DEFAULT, &min);
    if (threads < 2 || pos >= size || size - pos < min)
        return NULL;
    im_csvpool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL; /* serial then */
    p->data = data;
    p->size = size;
    p->chunk_bytes = chunk_bytes;
    p->o = *o;
    p->scan_pos = pos;
    if (!(p->ring = im_ring_start(threads, cut_chunk, parse_chunk, p, NULL))) {
        free(p);
        return NULL;
    }
    return p;
}

bool im_csvpool_next(im_csvpool *p, size_t pos, const im_csvrow **rows, size_t *n_rows,
                     size_t *lines, size_t *end)
{
    int slot = p ? im_ring_next(p->ring) : -1;
    if (slot < 0)
        return false;
    const chunk *c = &p->chunks[slot];
    if (!c->ok || c->start != pos)
        return false; /* the reader's from pos on */
    *rows = c->rows;
    *n_rows = c->n_rows;
    *lines = c->line;
    *end = c->end;
    return true;
}

void im_csvpool_stop(im_csvpool *p)
{
    if (!p)
        return;
    im_ring_stop(p->ring);
    for (size_t k = 0; k < IM_RING_SLOTS; k++) {
        free(p->chunks[k].rows);
        free(p->chunks[k].off);
        free(p->chunks[k].flags);
        im_buf_free(&p->chunks[k].text);
    }
    free(p);
}
