/* test_where.c - im_json_where(): the line:col of a value named by a JSON
 * Pointer in a raw JSON text (json_where.c), for manifest and style messages.
 *
 * Usage: test_where TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

static const char doc[] =
    "{\n"                                          /* 1 */
    "  \"description\": \"a {tricky] \\\" string\",\n" /* 2 */
    "  \"defaults\": {\"size\": [400, 300], \"a/b\": 1, \"m~n\": 2},\n" /* 3 */
    "  \"jobs\": [\n"                              /* 4 */
    "    {\"name\": \"one\", \"output\": \"1.png\"},\n" /* 5 */
    "    {\"name\": \"two\",\n"                    /* 6 */
    "     \"from\": \"2021-02-30\"},\n"            /* 7 */
    "    [[], {}, null, -1.5e3, true]\n"           /* 8 */
    "  ],\n"                                       /* 9 */
    "  \"k\\\"q\": 7, \"last\":false}\n";          /* 10 */

static void at(const char *ptr, int want_line, int want_col)
{
    int line = -1, col = -1;
    bool ok = im_json_where(doc, strlen(doc), ptr, &line, &col);
    CHECK(ok && line == want_line && col == want_col, "%s: %s %d:%d, want %d:%d", ptr,
          ok ? "found at" : "not found", line, col, want_line, want_col);
}

static void absent(const char *ptr)
{
    int line = 0, col = 0;
    CHECK(!im_json_where(doc, strlen(doc), ptr, &line, &col), "%s found at %d:%d", ptr, line,
          col);
}

int main(void)
{
    at("", 1, 1);
    at("/description", 2, 18);
    at("/defaults", 3, 15);
    at("/defaults/size", 3, 24);
    at("/defaults/size/1", 3, 30);
    at("/defaults/a~1b", 3, 43);
    at("/defaults/m~0n", 3, 53);
    at("/jobs", 4, 11);
    at("/jobs/0", 5, 5);
    at("/jobs/0/output", 5, 31);
    at("/jobs/1", 6, 5);
    at("/jobs/1/from", 7, 14);
    at("/jobs/2/1", 8, 10);
    at("/jobs/2/3", 8, 20);
    at("/jobs/2/4", 8, 28);
    at("/k\"q", 10, 11);
    at("/last", 10, 21);
    absent("/jobs/3");        /* past the end */
    absent("/jobs/x");        /* not an index */
    absent("/jobs/01x");
    absent("/nope");
    absent("/defaults/size/0/deeper"); /* into a number */
    absent("/descriptio");    /* a prefix of a key */
    absent("/description/");  /* into a string */
    absent("jobs");           /* not a pointer */

    /* A byte order mark and CRLF line ends; truncated and broken text. */
    static const char bom[] = "\xEF\xBB\xBF{\r\n \"a\": [1,\r\n  2]}";
    int line = 0, col = 0;
    CHECK(im_json_where(bom, strlen(bom), "/a/1", &line, &col) && line == 3 && col == 3,
          "BOM + CRLF: %d:%d", line, col);
    static const char cut[] = "{\"a\": [1, 2";
    CHECK(!im_json_where(cut, strlen(cut), "/a/5", &line, &col), "truncated array");
    CHECK(im_json_where(cut, strlen(cut), "/a/1", &line, &col) && col == 11,
          "what is there is found: %d", col);
    static const char bad[] = "{\"a\" 1, \"b\": 2}";
    CHECK(!im_json_where(bad, strlen(bad), "/b", &line, &col), "a missing colon");
    CHECK(!im_json_where("", 0, "", &line, &col), "empty text");

    /* Every prefix of doc, in a buffer of exactly its size (no NUL after
     * it: a record's text inside a file is handed over so): a value found
     * is found where the whole text has it, and nothing past the size is
     * read (ASan, in the sanitizer build). */
    static const char *const ptrs[] = {"/description", "/defaults/size/1", "/defaults/m~0n",
                                       "/jobs/1/from", "/jobs/2/4", "/last", "/jobs/3"};
    size_t len = strlen(doc);
    int wrong = 0;
    for (size_t k = 0; k <= len; k++) {
        char *cutk = malloc(k ? k : 1);
        if (!cutk)
            break;
        memcpy(cutk, doc, k);
        for (size_t p = 0; p < sizeof ptrs / sizeof ptrs[0]; p++) {
            int l1 = 0, c1 = 0, l2 = 0, c2 = 0;
            bool part = im_json_where(cutk, k, ptrs[p], &l1, &c1);
            bool whole = im_json_where(doc, len, ptrs[p], &l2, &c2);
            if (part && (!whole || l1 != l2 || c1 != c2) && wrong++ < 5)
                CHECK(false, "%s in the first %zu bytes: %d:%d, in the whole text %s %d:%d",
                      ptrs[p], k, l1, c1, whole ? "at" : "not found", l2, c2);
        }
        free(cutk);
    }
    CHECK(wrong == 0, "%d prefixes found a value elsewhere", wrong);
    return check_result("where");
}
