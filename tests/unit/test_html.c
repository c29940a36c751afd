/* test_html.c - the interactive map and the time-lapse through the public
 * API: im_render() writes .html and .webp by extension or format, the
 * options it refuses leave no file, and hostile text from a buffer never
 * reaches the page unescaped. */
#include "check.h"
#include "incmap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    *size = fread(buf, 1, (size_t)n, fp);
    buf[*size] = '\0';
    fclose(fp);
    return buf;
}

static const char data[] =
    "{\"incidents\": ["
    "{\"id\": \"a1\", \"date\": \"2021-07-01\", \"lat\": 33.78, \"lon\": 42.44, \"weapon\": \"rocket\","
    " \"site\": \"<script>alert(1)</script>\", \"count\": 3},"
    "{\"id\": \"a2\", \"date\": \"2021-07-09\", \"lat\": 36.24, \"lon\": 43.96, \"weapon\": \"drone\","
    " \"site\": \"\\\"onmouseover=\\\"x\", \"source\": \"</svg>\"},"
    "{\"id\": \"a3\", \"date\": \"2021-07-20\", \"lat\": 33.31, \"lon\": 44.37, \"weapon\": \"rocket\"}"
    "]}";

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_load_buffer(ctx, set, "hostile", data, strlen(data), IM_INPUT_AUTO) == IM_OK,
          "%s", im_context_last_error(ctx));
    im_render_options o;
    im_render_options_init(&o);
    o.width = 480;
    o.height = 360;
    o.basemap = "none";
    char path[2048];

    CHECK(im_output_format_from_path("m.HTML") == IM_OUTPUT_HTML, "html by extension");
    CHECK(im_output_format_from_path("m.htm") == IM_OUTPUT_HTML, "htm by extension");
    CHECK(im_output_format_from_path("m.webp") == IM_OUTPUT_WEBP, "webp by extension");

    snprintf(path, sizeof path, "%s/api-map.html", argv[2]);
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_AUTO) == IM_OK, "%s", im_context_last_error(ctx));
    size_t n = 0;
    char *page = slurp(path, &n);
    CHECK(page && strncmp(page, "<!DOCTYPE html>", 15) == 0, "an HTML page");
    CHECK(page && !strstr(page, "<script>alert"), "the site name is escaped");
    CHECK(page && strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;"), "and kept as text");
    CHECK(page && !strstr(page, "\"onmouseover="), "no attribute injected");
    CHECK(page && strstr(page, "Content-Security-Policy"), "a policy");
    free(page);

    /* The format given wins over the extension. */
    snprintf(path, sizeof path, "%s/api-map.out", argv[2]);
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_HTML) == IM_OK, "%s", im_context_last_error(ctx));
    page = slurp(path, &n);
    CHECK(page && strncmp(page, "<!DOCTYPE html>", 15) == 0, "an HTML page by format");
    free(page);

    /* Week by week: 1 July (week of 28 June) to 20 July (week of 19 July) is
     * four ISO weeks, the empty week of 12 July included: four frames. */
    snprintf(path, sizeof path, "%s/api-anim.webp", argv[2]);
    o.animate = IM_ANIMATE_WEEK;
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_AUTO) == IM_OK, "%s", im_context_last_error(ctx));
    char *webp = slurp(path, &n);
    CHECK(webp && n > 12 && memcmp(webp, "RIFF", 4) == 0 && memcmp(webp + 8, "WEBP", 4) == 0,
          "a WebP file");
    int frames = 0;
    for (size_t i = 0; webp && i + 4 <= n; i++)
        frames += memcmp(webp + i, "ANMF", 4) == 0;
    CHECK(frames == 4, "four frames, got %d", frames);
    free(webp);

    /* Refused: --animate to a PNG, a .webp without --animate, facets. */
    snprintf(path, sizeof path, "%s/api-refused.png", argv[2]);
    unlink(path);
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_AUTO) == IM_ERR_ARG, "animate to png");
    CHECK(access(path, F_OK) != 0, "no file");
    o.animate = IM_ANIMATE_NONE;
    snprintf(path, sizeof path, "%s/api-refused.webp", argv[2]);
    unlink(path);
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_AUTO) == IM_ERR_ARG, "webp without animate");
    CHECK(access(path, F_OK) != 0, "no file");
    o.facet = IM_FACET_MONTH;
    snprintf(path, sizeof path, "%s/api-refused.html", argv[2]);
    unlink(path);
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_AUTO) == IM_ERR_ARG, "html with facets");
    CHECK(access(path, F_OK) != 0, "no file");

    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("html");
}
