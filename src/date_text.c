/*
 * date_text.c - dates as a reader writes them, for titles and subtitles:
 * "19 May 2019", "3–8 July 2021", "19 May – 8 July 2021",
 * "19 May 2019 – 8 July 2021".
 *
 * Month names follow a locale name ("fr", "ar_IQ", "de_DE.UTF-8"). The
 * languages in the table below are built in, so a map reads the same on
 * every machine; any other locale is asked of the C library (newlocale and
 * strftime_l: per call, the process locale is never changed) and, when it
 * is not installed, English is used and false is returned so the caller
 * can warn. The day always comes first and the year last, in Western
 * digits (dates in reports on the region are written so in every
 * language used here).
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "im_private.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct month_table {
    const char *prefixes;    /* space-separated; a locale name starting with one (then
                              * '_', '.', '@' or its end) uses the table */
    const char *month[12];
} month_table;

/* Most specific first: Iraq and the Levant use the Syriac month names,
 * other Arabic-speaking countries the Latin-derived ones. */
static const month_table tables[] = {
    {"en C POSIX", {"January", "February", "March", "April", "May", "June", "July",
                    "August", "September", "October", "November", "December"}},
    {"ar_IQ ar_SY ar_LB ar_JO ar_PS",
     {"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
      "تشرين الأول", "تشرين الثاني", "كانون الأول"}},
    {"ar", {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر"}},
    {"fr", {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"}},
};

static bool prefix_matches(const char *locale, const char *prefixes)
{
    for (const char *p = prefixes; *p;) {
        size_t n = strcspn(p, " ");
        /* locale[n] is read only once the first n bytes matched (a shorter
         * locale, "C" against "en", ends before it) */
        if (strncmp(locale, p, n) == 0 &&
            (locale[n] == '\0' || locale[n] == '_' || locale[n] == '.' || locale[n] == '@'))
            return true;
        p += n;
        while (*p == ' ')
            p++;
    }
    return false;
}

/* The month's name (1-12) in the locale, into buf. False when the locale
 * is neither built in nor installed: buf then holds the English name. */
static bool month_name(int month, const char *locale, char *buf, size_t size)
{
    if (!locale || !*locale)
        locale = "en";
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (prefix_matches(locale, tables[i].prefixes)) {
            snprintf(buf, size, "%s", tables[i].month[month - 1]);
            return true;
        }
    locale_t loc = newlocale(LC_TIME_MASK, locale, (locale_t)0);
    if (loc != (locale_t)0) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        tm.tm_mon = month - 1;
        tm.tm_mday = 1;
        tm.tm_year = 100;
        size_t n = strftime_l(buf, size, "%B", &tm, loc);
        freelocale(loc);
        if (n > 0)
            return true;
    }
    snprintf(buf, size, "%s", tables[0].month[month - 1]);
    return false;
}

/* A month name in a right-to-left script, set in a first-strong isolate
 * (U+2068 ... U+2069), so that the day and year around it stay in the
 * order of the line they are in (bidi rule W2 would otherwise pull "19"
 * into the Arabic run). */
static bool month_isolated(int month, const char *locale, char *buf, size_t size)
{
    char name[64];
    bool ok = month_name(month, locale, name, sizeof name);
    bool rtl = false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        rtl |= *p >= 0xd6 && *p <= 0xdf; /* lead bytes of U+0590..U+07FF */
    snprintf(buf, size, rtl ? "\u2068%s\u2069" : "%s", name);
    return ok;
}

bool im_date_human(int64_t seconds, const char *locale, char *buf, size_t size)
{
    int y, m, d;
    char mon[80];
    im_date_split(seconds, &y, &m, &d);
    bool ok = month_isolated(m, locale, mon, sizeof mon);
    snprintf(buf, size, "%d %s %d", d, mon, y);
    return ok;
}

bool im_date_range_human(int64_t a, int64_t b, const char *locale, char *buf, size_t size)
{
    if (b < a) {
        int64_t t = a;
        a = b;
        b = t;
    }
    int ya, ma, da, yb, mb, db;
    char mon_a[80], mon_b[80];
    im_date_split(a, &ya, &ma, &da);
    im_date_split(b, &yb, &mb, &db);
    bool ok = month_isolated(ma, locale, mon_a, sizeof mon_a);
    month_isolated(mb, locale, mon_b, sizeof mon_b);
    if (ya == yb && ma == mb && da == db)
        snprintf(buf, size, "%d %s %d", da, mon_a, ya);
    else if (ya == yb && ma == mb)
        snprintf(buf, size, "%d\u2013%d %s %d", da, db, mon_a, ya);
    else if (ya == yb)
        snprintf(buf, size, "%d %s \u2013 %d %s %d", da, mon_a, db, mon_b, ya);
    else
        snprintf(buf, size, "%d %s %d \u2013 %d %s %d", da, mon_a, ya, db, mon_b, yb);
    return ok;
}
