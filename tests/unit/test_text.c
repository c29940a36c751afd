/* test_text.c - small pure pieces checked against values worked out by
 * hand: UTF-8 decoding and the cleaning of text bound for metadata and XML
 * (escape.c), dates in words (date_text.c), page sizes and the page a
 * render gets (page.c).
 *
 * Usage: test_text TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- escape.c ---- */

static void decode(const char *bytes, size_t n, size_t want_len, uint32_t want_cp)
{
    uint32_t cp = 0xDEADBEEF;
    size_t len = im_utf8_decode((const unsigned char *)bytes, n, &cp);
    CHECK(len == want_len && (len == 0 || cp == want_cp),
          "decode of %zu bytes starting %02x: length %zu cp U+%04X, want %zu U+%04X", n,
          (unsigned char)bytes[0], len, (unsigned)cp, want_len, (unsigned)want_cp);
}

static void utf8(void)
{
    decode("A", 1, 1, 'A');
    decode("\x7f", 1, 1, 0x7F);
    decode("\xc2\x80", 2, 2, 0x80);            /* smallest two-byte */
    decode("\xdf\xbf", 2, 2, 0x7FF);           /* largest two-byte */
    decode("\xe0\xa0\x80", 3, 3, 0x800);       /* smallest three-byte */
    decode("\xd8\xb9", 2, 2, 0x639);           /* Arabic ain */
    decode("\xef\xbf\xbd", 3, 3, 0xFFFD);
    decode("\xed\x9f\xbf", 3, 3, 0xD7FF);      /* just below the surrogates */
    decode("\xee\x80\x80", 3, 3, 0xE000);      /* just above them */
    decode("\xf0\x90\x80\x80", 4, 4, 0x10000); /* smallest four-byte */
    decode("\xf4\x8f\xbf\xbf", 4, 4, 0x10FFFF);
    decode("", 0, 0, 0);
    decode("\x80", 1, 0, 0);                   /* a continuation byte alone */
    decode("\xc0\x80", 2, 0, 0);               /* overlong NUL */
    decode("\xc1\xbf", 2, 0, 0);               /* overlong */
    decode("\xe0\x9f\xbf", 3, 0, 0);           /* overlong three-byte */
    decode("\xf0\x8f\xbf\xbf", 4, 0, 0);       /* overlong four-byte */
    decode("\xed\xa0\x80", 3, 0, 0);           /* a surrogate */
    decode("\xed\xbf\xbf", 3, 0, 0);           /* the last surrogate */
    decode("\xf4\x90\x80\x80", 4, 0, 0);       /* past U+10FFFF */
    decode("\xf5\x80\x80\x80", 4, 0, 0);
    decode("\xd8", 1, 0, 0);                   /* cut short */
    decode("\xe2\x82", 2, 0, 0);
    decode("\xe2\x28\xa1", 3, 0, 0);           /* a bad continuation */
    decode("\xf0\x90\x80\x41", 4, 0, 0);
}

static void cleaned(const char *in, bool xml, const char *want)
{
    char *out = xml ? im_xml_escape(in) : im_text_clean(in);
    CHECK(out && strcmp(out, want) == 0, "%s of \"%s\": \"%s\", want \"%s\"",
          xml ? "im_xml_escape" : "im_text_clean", in ? in : "(null)", out ? out : "(null)", want);
    free(out);
}

static void trimmed(const char *in, const char *want)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", in);
    im_utf8_trim(buf);
    CHECK(strcmp(buf, want) == 0, "im_utf8_trim: \"%s\", want \"%s\"", buf, want);
}

static void clean_and_escape(im_context *ctx)
{
    cleaned("plain", false, "plain");
    cleaned(NULL, false, "");
    cleaned("a\tb\nc\rd", false, "a b c d");
    cleaned("bell\x07!", false, "bell\xef\xbf\xbd!");
    cleaned("del\x7f", false, "del\xef\xbf\xbd");
    cleaned("c1\xc2\x85x", false, "c1\xef\xbf\xbdx");           /* U+0085 */
    cleaned("nb\xc2\xa0sp", false, "nb\xc2\xa0sp");              /* U+00A0 kept */
    cleaned("nc\xef\xbf\xbe", false, "nc\xef\xbf\xbd");          /* U+FFFE */
    cleaned("bad \xff byte", false, "bad \xef\xbf\xbd byte");
    cleaned("cut \xd8", false, "cut \xef\xbf\xbd");
    cleaned("<a href=\"x\">&'</a>", false, "<a href=\"x\">&'</a>");
    cleaned("<a href=\"x\">&'</a>", true, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    cleaned("\xd8\xa8\xd8\xba\xd8\xaf\xd8\xa7\xd8\xaf & co", true,
            "\xd8\xa8\xd8\xba\xd8\xaf\xd8\xa7\xd8\xaf &amp; co");
    cleaned("x\x01<", true, "x\xef\xbf\xbd&lt;");

    trimmed("Baghdad", "Baghdad");
    trimmed("Bagh\xd8", "Bagh");                  /* a two-byte sequence cut */
    trimmed("ab\xe2\x82", "ab");                  /* a three-byte sequence cut */
    trimmed("ab\xf0\x9f\x98", "ab");              /* a four-byte sequence cut */
    trimmed("ab\xff", "ab\xff");                  /* not a cut sequence: left */
    trimmed("ab\xc0", "ab\xc0");                  /* C0 never leads: left */
    trimmed("ab\xe2(", "ab\xe2(");                /* a bad byte, then text: left */
    trimmed("ab\xe2\x82\xac", "ab\xe2\x82\xac");    /* whole: left */
    trimmed("a\x80z", "a\x80z");                  /* a bad byte inside: left */
    trimmed("ab\x80", "ab\x80");                  /* a stray continuation: left */
    trimmed("\xd8\xb9", "\xd8\xb9");

    im_context_clear_error(ctx);
    CHECK(im_text_check(ctx, "--title", "Attacks \xd8\xb9", 9) == IM_OK,
          "9 characters refused at 9: %s", im_context_last_error(ctx));
    CHECK(im_text_check(ctx, "--title", NULL, 1) == IM_OK, "NULL text refused");
    im_context_clear_error(ctx);
    CHECK(im_text_check(ctx, "--title", "Attacks \xd8\xb9", 8) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "--title: 9 characters, more than the 8"),
          "9 characters at 8: '%s'", im_context_last_error(ctx));
    im_context_clear_error(ctx);
    CHECK(im_text_check(ctx, "--subtitle", "ab\xff", 80) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "--subtitle: not valid UTF-8 text (byte 3)"),
          "a bad byte: '%s'", im_context_last_error(ctx));
}

/* ---- date_text.c ---- */

static int64_t day(int y, int m, int d)
{
    int64_t t = 0;
    im_date_precision p;
    char s[32];
    snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
    if (im_date_parse(s, &t, &p) != IM_OK)
        return INT64_MIN;
    return t;
}

static void human(int64_t t, const char *locale, bool want_ok, const char *want)
{
    char buf[160];
    bool ok = im_date_human(t, locale, buf, sizeof buf);
    CHECK(ok == want_ok && strcmp(buf, want) == 0, "im_date_human(%s): \"%s\" %d, want \"%s\" %d",
          locale ? locale : "NULL", buf, ok, want, want_ok);
}

static void range(int64_t a, int64_t b, const char *locale, const char *want)
{
    char buf[200];
    im_date_range_human(a, b, locale, buf, sizeof buf);
    CHECK(strcmp(buf, want) == 0, "im_date_range_human(%s): \"%s\", want \"%s\"",
          locale ? locale : "NULL", buf, want);
}

#define FSI "\xe2\x81\xa8" /* U+2068 first strong isolate */
#define PDI "\xe2\x81\xa9" /* U+2069 pop directional isolate */

static void dates_in_words(void)
{
    int64_t may19 = day(2019, 5, 19), jul3 = day(2021, 7, 3), jul8 = day(2021, 7, 8),
            may19b = day(2021, 5, 19), jan1 = day(2021, 1, 1), dec31 = day(2020, 12, 31);
    human(jul8, NULL, true, "8 July 2021");
    human(jul8, "", true, "8 July 2021");
    human(jul8, "en_GB.UTF-8", true, "8 July 2021");
    human(jul8, "C", true, "8 July 2021");
    human(jan1, "fr_FR", true, "1 janvier 2021");
    human(dec31, "fr", true, "31 d\xc3\xa9" "cembre 2020");
    /* Iraq: the Syriac names (Tammuz), in an isolate */
    human(jul8, "ar_IQ.UTF-8", true, "8 " FSI "\xd8\xaa\xd9\x85\xd9\x88\xd8\xb2" PDI " 2021");
    /* Egypt: the Latin-derived names (yulyu) */
    human(jul8, "ar_EG", true,
          "8 " FSI "\xd9\x8a\xd9\x88\xd9\x84\xd9\x8a\xd9\x88" PDI " 2021");
    /* a prefix must end at '_', '.', '@' or the end: "fri" is not French */
    human(jul8, "fri_XX", false, "8 July 2021");
    human(jul8, "xx_NOT_A_LOCALE", false, "8 July 2021");
    human(jul8, "english", false, "8 July 2021");

    range(jul8, jul8, NULL, "8 July 2021");
    range(jul3, jul8, NULL, "3\xe2\x80\x93" "8 July 2021");
    range(jul8, jul3, NULL, "3\xe2\x80\x93" "8 July 2021"); /* either order */
    range(may19b, jul8, NULL, "19 May \xe2\x80\x93 8 July 2021");
    range(may19, jul8, NULL, "19 May 2019 \xe2\x80\x93 8 July 2021");
    range(dec31, jan1, "fr", "31 d\xc3\xa9" "cembre 2020 \xe2\x80\x93 1 janvier 2021");
}

/* ---- page.c ---- */

static void size_parse(const char *text, int want_ok, double want_w, double want_h)
{
    double w = -1, h = -1;
    int ok = im_page_size_parse(text, &w, &h);
    CHECK(ok == want_ok && (!ok || (fabs(w - want_w) < 0.01 && fabs(h - want_h) < 0.01)),
          "im_page_size_parse(\"%s\"): %d %.2f x %.2f, want %d %.2f x %.2f", text, ok, w, h,
          want_ok, want_w, want_h);
}

static void page_sizes(void)
{
    size_parse("a4", 1, 595.28, 841.89);
    size_parse("a4-landscape", 1, 841.89, 595.28);
    size_parse("a4-portrait", 1, 595.28, 841.89);
    size_parse("a3", 1, 841.89, 1190.55);
    size_parse("a5-landscape", 1, 595.28, 419.53);
    size_parse("letter", 1, 612, 792);
    size_parse("letter-landscape", 1, 792, 612);
    size_parse("legal", 1, 612, 1008);
    size_parse("tabloid-landscape", 1, 1224, 792);
    size_parse("210x297mm", 1, 595.28, 841.89);
    size_parse("21x29.7cm", 1, 595.28, 841.89);
    size_parse("8.5x11in", 1, 612, 792);
    size_parse("8.5X11in", 1, 612, 792);
    size_parse("400x300pt", 1, 400, 300);
    size_parse("a4-sideways", 0, 0, 0);
    size_parse("a44", 0, 0, 0);
    size_parse("b4", 0, 0, 0);
    size_parse("210x297", 0, 0, 0);      /* a unit is needed */
    size_parse("210x297px", 0, 0, 0);
    size_parse("210*297mm", 0, 0, 0);
    size_parse("x297mm", 0, 0, 0);
    size_parse("210xmm", 0, 0, 0);
    size_parse("0x297mm", 0, 0, 0);
    size_parse("210x-297mm", 0, 0, 0);
    size_parse("infx297mm", 0, 0, 0);
    size_parse("210xnanmm", 0, 0, 0);
    size_parse("", 0, 0, 0);
    /* as people type them: names and units in capitals */
    size_parse("A4", 1, 595.28, 841.89);
    size_parse("Letter-Landscape", 1, 792, 612);
    size_parse("210x297MM", 1, 595.28, 841.89);
    /* a host whose numbers use a decimal comma still reads 8.5 */
    char *was = strdup(setlocale(LC_NUMERIC, NULL));
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8")) {
        size_parse("8.5x11in", 1, 612, 792);
        size_parse("21x29.7cm", 1, 595.28, 841.89);
    }
    setlocale(LC_NUMERIC, was);
    free(was);
}

static im_status resolve(im_context *ctx, int w, int h, double pw, double ph, double dpi,
                         im_page *pg)
{
    im_render_options o;
    im_render_options_init(&o);
    o.width = w;
    o.height = h;
    o.page_w_pt = pw;
    o.page_h_pt = ph;
    o.dpi = dpi;
    memset(pg, 0, sizeof *pg);
    im_context_clear_error(ctx);
    return im_page_resolve(ctx, &o, &ctx->style, pg);
}

static void pages(im_context *ctx)
{
    im_page pg;
    /* the reference: 2000 x 1500 px is a 10 x 7.5 in page at 200 dpi */
    CHECK(resolve(ctx, 2000, 1500, 0, 0, 0, &pg) == IM_OK && fabs(pg.w_pt - 720) < 1e-6 &&
              fabs(pg.h_pt - 540) < 1e-6 && fabs(pg.dpi - 200) < 1e-6 && pg.px_w == 2000,
          "2000x1500: %.2f x %.2f pt at %.2f dpi", pg.w_pt, pg.h_pt, pg.dpi);
    /* 4000 x 3000: the same page at 400 dpi */
    CHECK(resolve(ctx, 4000, 3000, 0, 0, 0, &pg) == IM_OK && fabs(pg.w_pt - 720) < 1e-6 &&
              fabs(pg.dpi - 400) < 1e-6,
          "4000x3000: %.2f pt wide at %.2f dpi", pg.w_pt, pg.dpi);
    /* 1200 x 675 keeps the reference's area ratio: sqrt(1200*675/(720*540)) */
    double want = sqrt(1200.0 * 675 / (720.0 * 540));
    CHECK(resolve(ctx, 1200, 675, 0, 0, 0, &pg) == IM_OK && fabs(pg.pt - want) < 1e-9 &&
              fabs(pg.w_pt - 1200 / want) < 1e-6 && fabs(pg.h_pt - 675 / want) < 1e-6,
          "1200x675: scale %.4f, want %.4f", pg.pt, want);
    /* small maps: never text under 9 px (the style's small size 6.5 pt) */
    double small = ctx->style.small_size > 0 ? ctx->style.small_size : 6.5;
    CHECK(resolve(ctx, 400, 300, 0, 0, 0, &pg) == IM_OK && fabs(pg.pt - 9.0 / small) < 1e-9,
          "400x300: scale %.4f, want %.4f", pg.pt, 9.0 / small);
    /* an explicit dpi sets the scale */
    CHECK(resolve(ctx, 1000, 500, 0, 0, 144, &pg) == IM_OK && fabs(pg.pt - 2) < 1e-9 &&
              fabs(pg.w_pt - 500) < 1e-6 && pg.px_h == 500,
          "1000x500 at 144 dpi: scale %.3f, %.1f pt wide", pg.pt, pg.w_pt);
    /* a page: A4 at 100 dpi is 827 x 1169 px; at the default 200 dpi 1654 x 2339 */
    CHECK(resolve(ctx, 0, 0, 595.28, 841.89, 100, &pg) == IM_OK && pg.px_w == 827 &&
              pg.px_h == 1169 && fabs(pg.w_pt - 595.28) < 1e-9,
          "A4 at 100 dpi: %dx%d px", pg.px_w, pg.px_h);
    CHECK(resolve(ctx, 0, 0, 595.28, 841.89, 0, &pg) == IM_OK && pg.px_w == 1654 &&
              pg.px_h == 2339 && fabs(pg.dpi - 200) < 1e-9,
          "A4 at the default dpi: %dx%d px at %.0f", pg.px_w, pg.px_h, pg.dpi);
    /* limits: a page side 1 to 200 inches; 64 px to the image side limit;
     * the pixel limit; 10 to 2400 dpi */
    CHECK(resolve(ctx, 0, 0, 72, 72, 100, &pg) == IM_OK, "a 1 in page refused: %s",
          im_context_last_error(ctx));
    CHECK(resolve(ctx, 0, 0, 71.9, 200, 100, &pg) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "1 to 200 inches"),
          "a page under 1 in: '%s'", im_context_last_error(ctx));
    CHECK(resolve(ctx, 0, 0, 200, 14401, 10, &pg) == IM_ERR_ARG, "a page over 200 in accepted");
    CHECK(resolve(ctx, 0, 0, 14400, 14400, 10, &pg) == IM_OK, "a 200 in page refused: %s",
          im_context_last_error(ctx));
    CHECK(resolve(ctx, 64, 64, 0, 0, 0, &pg) == IM_OK, "64x64 refused: %s",
          im_context_last_error(ctx));
    CHECK(resolve(ctx, 63, 400, 0, 0, 0, &pg) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "--size 63x400: each side must be 64 to"),
          "63 px wide: '%s'", im_context_last_error(ctx));
    CHECK(resolve(ctx, 400, 63, 0, 0, 0, &pg) == IM_ERR_ARG, "63 px tall accepted");
    im_limits lim, tight;
    im_context_get_limits(ctx, &lim);
    tight = lim;
    tight.max_image_side = 1000;
    tight.max_image_pixels = 500 * 400;
    CHECK(im_context_set_limits(ctx, &tight) == IM_OK, "limits refused");
    CHECK(resolve(ctx, 1000, 200, 0, 0, 0, &pg) == IM_OK, "1000x200 under the limits refused: %s",
          im_context_last_error(ctx));
    CHECK(resolve(ctx, 1001, 100, 0, 0, 0, &pg) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "64 to 1000 pixels"),
          "1001 px under a 1000 px side limit: '%s'", im_context_last_error(ctx));
    CHECK(resolve(ctx, 100, 1001, 0, 0, 0, &pg) == IM_ERR_ARG, "1001 px tall accepted");
    CHECK(resolve(ctx, 500, 401, 0, 0, 0, &pg) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "200500 pixels, over the limit of 200000"),
          "over the pixel limit: '%s'", im_context_last_error(ctx));
    CHECK(im_context_set_limits(ctx, &lim) == IM_OK, "limits refused");
    CHECK(resolve(ctx, 1000, 1000, 0, 0, 10, &pg) == IM_OK, "10 dpi refused: %s",
          im_context_last_error(ctx));
    CHECK(resolve(ctx, 1000, 1000, 0, 0, 9.9, &pg) == IM_ERR_ARG &&
              strstr(im_context_last_error(ctx), "--dpi 9.9: must be between 10 and 2400"),
          "9.9 dpi: '%s'", im_context_last_error(ctx));
    CHECK(resolve(ctx, 4800, 4800, 0, 0, 2400, &pg) == IM_OK, "2400 dpi refused: %s",
          im_context_last_error(ctx));
    CHECK(resolve(ctx, 4800, 4800, 0, 0, 2401, &pg) == IM_ERR_ARG, "2401 dpi accepted");
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    im_context *ctx = im_context_new();
    utf8();
    clean_and_escape(ctx);
    dates_in_words();
    page_sizes();
    pages(ctx);
    im_context_free(ctx);
    return check_result("text");
}
