/* date.c - ISO 8601 dates, date-times with offsets, and durations.
 * Calendar arithmetic is proleptic Gregorian on days since 1970-01-01. */
#include "im_private.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Days since the epoch of an instant, rounding down, without overflow. */
static int64_t floor_day(int64_t seconds)
{
    int64_t d = seconds / 86400;
    return seconds % 86400 < 0 ? d - 1 : d;
}

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int64_t y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a valid civil date. Shift the year to start in
 * March so the leap day is the last day of the shifted year. */
static int64_t days_from_ymd(int64_t y, int m, int d)
{
    int64_t yy = m <= 2 ? y - 1 : y;
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;                       /* 0..399 */
    int mp = (m + 9) % 12;                              /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d - 1;           /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
    return era * 146097 + doe - 719468;
}

static void ymd_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Read exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

im_status im_date_parse(const char *text, int64_t *out_seconds, im_date_precision *out_precision)
{
    if (!text)
        return IM_ERR_ARG;
    const char *p = text;
    int y, m = 1, d = 1, hh = 0, mm = 0, ss = 0;
    im_date_precision prec = IM_DATE_YEAR;
    if (!digits(&p, 4, &y))
        return IM_ERR_DATA;
    if (*p == '-') {
        p++;
        if (!digits(&p, 2, &m) || m < 1 || m > 12)
            return IM_ERR_DATA;
        prec = IM_DATE_MONTH;
        if (*p == '-') {
            p++;
            if (!digits(&p, 2, &d) || d < 1 || d > month_days(y, m))
                return IM_ERR_DATA;
            prec = IM_DATE_DAY;
        }
    }
    int64_t offset = 0;
    if (prec == IM_DATE_DAY && (*p == 'T' || *p == 't' || *p == ' ')) {
        p++;
        if (!digits(&p, 2, &hh) || *p++ != ':' || !digits(&p, 2, &mm))
            return IM_ERR_DATA;
        if (*p == ':') {
            p++;
            if (!digits(&p, 2, &ss))
                return IM_ERR_DATA;
            if (*p == '.' || *p == ',') { /* fractions of a second: dropped */
                p++;
                if (!isdigit((unsigned char)*p))
                    return IM_ERR_DATA;
                while (isdigit((unsigned char)*p))
                    p++;
            }
        }
        if (hh > 23 || mm > 59 || ss > 60)
            return IM_ERR_DATA;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
            if (!digits(&p, 2, &oh))
                return IM_ERR_DATA;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p) && !digits(&p, 2, &om))
                return IM_ERR_DATA;
            if (oh > 14 || om > 59)
                return IM_ERR_DATA;
            offset = sign * (oh * 3600 + om * 60);
        } else {
            return IM_ERR_DATA; /* a time without offset is ambiguous */
        }
        prec = IM_DATE_SECOND;
    }
    if (*p != '\0')
        return IM_ERR_DATA;
    if (ss == 60)
        ss = 59; /* leap second: close enough for a map */
    *out_seconds = days_from_ymd(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss - offset;
    if (out_precision)
        *out_precision = prec;
    return IM_OK;
}

im_status im_duration_parse(const char *text, int *years, int *months, int *days)
{
    *years = *months = *days = 0;
    if (!text || (text[0] != 'P' && text[0] != 'p') || !text[1])
        return IM_ERR_ARG;
    const char *p = text + 1;
    int seen = 0;
    while (*p) {
        if (!isdigit((unsigned char)*p))
            return IM_ERR_ARG;
        long v = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 100000)
                return IM_ERR_ARG;
        }
        switch (toupper((unsigned char)*p++)) {
        case 'Y': if (seen & 1) return IM_ERR_ARG; seen |= 1; *years = (int)v; break;
        case 'M': if (seen & 2) return IM_ERR_ARG; seen |= 2; *months = (int)v; break;
        case 'W': if (seen & 4) return IM_ERR_ARG; seen |= 4; *days += (int)v * 7; break;
        case 'D': if (seen & 8) return IM_ERR_ARG; seen |= 8; *days += (int)v; break;
        default: return IM_ERR_ARG;
        }
    }
    return IM_OK;
}

int64_t im_date_subtract(int64_t seconds, int years, int months, int days)
{
    int64_t day = floor_day(seconds);
    int64_t tod = seconds - day * 86400;
    int64_t y;
    int m, d;
    ymd_from_days(day, &y, &m, &d);
    int64_t total = y * 12 + (m - 1) - (int64_t)years * 12 - months;
    y = total >= 0 ? total / 12 : -((-total + 11) / 12);
    m = (int)(total - y * 12) + 1;
    if (d > month_days(y, m))
        d = month_days(y, m);
    return (days_from_ymd(y, m, d) - days) * 86400 + tod;
}

void im_date_format(int64_t seconds, char *buf, size_t size)
{
    int64_t day = floor_day(seconds);
    int64_t y;
    int m, d;
    ymd_from_days(day, &y, &m, &d);
    snprintf(buf, size, "%04lld-%02d-%02d", (long long)y, m, d);
}

/* Calendar fields of an instant (colour-bar ticks, windows). */
void im_date_split(int64_t seconds, int *year, int *month, int *day)
{
    int64_t d0 = floor_day(seconds);
    int64_t y;
    ymd_from_days(d0, &y, month, day);
    *year = (int)y;
}

int64_t im_date_make(int year, int month, int day)
{
    return days_from_ymd(year, month, day) * 86400;
}

/* ---- dates as data files write them ----------------------------------- */

static const char *const month_names[12] = {"january", "february", "march", "april", "may",
                                            "june", "july", "august", "september", "october",
                                            "november", "december"};

/* Month number of "July", "Jul", "jul." or "Sept" (English, any case);
 * 0 when the word is no month. */
static const char *const weekday_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                              "Thursday", "Friday", "Saturday"};

static int month_word(const char *s, size_t n)
{
    if (n && s[n - 1] == '.')
        n--;
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(month_names[m]);
        if ((n == full || n == 3 || (m == 8 && n == 4)) && n <= full) {
            size_t i = 0;
            while (i < n && tolower((unsigned char)s[i]) == month_names[m][i])
                i++;
            if (i == n)
                return m + 1;
        }
    }
    return 0;
}

/* Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (the POSIX
 * strptime %y rule). */
static int full_year(int yy) { return yy <= 68 ? 2000 + yy : 1900 + yy; }

/* Up to max digits at *p; -1 when none. *n gets how many. */
static int number_at(const char **p, int max, int *n)
{
    int v = 0;
    *n = 0;
    while (isdigit((unsigned char)**p) && *n < max) {
        v = v * 10 + (**p - '0');
        (*p)++;
        (*n)++;
    }
    return *n ? v : -1;
}

/* A time of day "HH:MM[:SS[.fff]]" with an optional "Z", "UTC" or offset;
 * no zone is read as UTC. Returns seconds from midnight minus the offset. */
static bool time_of_day(const char *p, int64_t *secs, bool *zero)
{
    int hh, mm, ss = 0, n;
    if ((hh = number_at(&p, 2, &n)) < 0 || *p++ != ':' || (mm = number_at(&p, 2, &n)) < 0 ||
        n != 2)
        return false;
    if (*p == ':') {
        p++;
        if ((ss = number_at(&p, 2, &n)) < 0 || n != 2)
            return false;
        if (*p == '.' || *p == ',') {
            p++;
            if (!isdigit((unsigned char)*p))
                return false;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    /* A 12-hour clock, as ArcGIS and Excel in US settings write it
     * ("1/5/2024 12:00:00 AM", "3:30 p.m."): 12 AM is midnight. */
    while (*p == ' ')
        p++;
    int half = 0;
    if ((p[0] == 'A' || p[0] == 'a' || p[0] == 'P' || p[0] == 'p') &&
        (p[1] == 'M' || p[1] == 'm' || (p[1] == '.' && (p[2] == 'm' || p[2] == 'M') &&
                                         p[3] == '.'))) {
        half = p[0] == 'P' || p[0] == 'p' ? 2 : 1;
        p += p[1] == '.' ? 4 : 2;
        if (hh < 1 || hh > 12)
            return false;
        hh = hh % 12 + (half == 2 ? 12 : 0);
    }
    if (hh > 23 || mm > 59 || ss > 60)
        return false;
    int64_t offset = 0;
    while (*p == ' ')
        p++;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (strncmp(p, "UTC", 3) == 0 || strncmp(p, "GMT", 3) == 0) {
        p += 3;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
        if ((oh = number_at(&p, 2, &n)) < 0 || n != 2)
            return false;
        if (*p == ':')
            p++;
        if (isdigit((unsigned char)*p) && ((om = number_at(&p, 2, &n)) < 0 || n != 2))
            return false;
        if (oh > 14 || om > 59)
            return false;
        offset = sign * (oh * 3600 + om * 60);
    }
    while (*p == ' ')
        p++;
    if (*p)
        return false;
    if (ss == 60)
        ss = 59;
    *zero = hh == 0 && mm == 0 && ss == 0 && offset == 0;
    *secs = hh * 3600 + mm * 60 + ss - offset;
    return true;
}

typedef struct tok {
    char kind;          /* 'n' number, 'w' word */
    int value, len;     /* number and its digit count; month of a word */
    char sep;           /* the separator before it (' ' for runs of space, 0 at start) */
} tok;

static int split_tokens(const char *s, tok *t, int max)
{
    int n = 0;
    char sep = 0;
    while (*s) {
        if (isdigit((unsigned char)*s)) {
            if (n == max)
                return -1;
            int len;
            const char *q = s;
            t[n].value = number_at(&q, 9, &len);
            if (isdigit((unsigned char)*q))
                return -1;
            t[n].kind = 'n', t[n].len = len, t[n].sep = sep;
            n++, s = q, sep = 0;
        } else if (isalpha((unsigned char)*s)) {
            if (n == max)
                return -1;
            const char *q = s;
            while (isalpha((unsigned char)*q))
                q++;
            size_t len = (size_t)(q - s) + (*q == '.');
            int m = month_word(s, len);
            if (!m)
                return -1;
            t[n].kind = 'w', t[n].value = m, t[n].len = (int)len, t[n].sep = sep;
            n++, s = q + (*q == '.'), sep = 0;
        } else if (*s == ' ' || *s == ',') {
            if (sep != '-' && sep != '/' && sep != '.')
                sep = ' ';
            s++;
        } else if (*s == '-' || *s == '/' || *s == '.') {
            if (sep && sep != ' ')
                return -1;
            sep = *s++;
        } else {
            return -1;
        }
    }
    return n;
}

static bool year_of(const tok *t, int *y)
{
    if (t->kind != 'n' || (t->len != 4 && t->len != 2))
        return false;
    *y = t->len == 2 ? full_year(t->value) : t->value;
    return true;
}

#define WHY(...) (snprintf(why, why_size, __VA_ARGS__), false)

bool im_date_read(const im_context *ctx, const char *text, int64_t *t, im_date_precision *prec,
                  char *why, size_t why_size)
{
    return im_date_read_as(ctx, ctx ? ctx->date_order : 0, text, t, prec, why, why_size, NULL);
}

bool im_date_read_as(const im_context *ctx, char order, const char *text, int64_t *t,
                     im_date_precision *prec, char *why, size_t why_size, im_slash_date *slash)
{
    if (slash)
        slash->seen = 0;
    char buf[128];
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n >= sizeof buf)
        return WHY("is too long for a date");
    memcpy(buf, text, n);
    buf[n] = '\0';
    if (ctx && ctx->date_format[0]) {
        if (im_date_strptime(buf, ctx->date_format, t, prec))
            return true;
        return WHY("does not match --date-format \"%s\" or is not a real calendar date",
                   ctx->date_format);
    }
    if (im_date_parse(buf, t, prec) == IM_OK)
        return true;

    /* A time part: from the last space or 'T' before the first ':'. */
    int64_t tod = 0;
    bool has_time = false, midnight = true;
    char *colon = strchr(buf, ':');
    if (colon) {
        char *cut = colon;
        while (cut > buf && cut[-1] != ' ' && cut[-1] != 'T')
            cut--;
        if (cut == buf || !time_of_day(cut, &tod, &midnight))
            return WHY("is not a date incmap reads (a time must look like 06:30, 06:30:00, "
                       "06:30:00+03:00 or 6:30 PM)");
        cut[-1] = '\0';
        has_time = true;
    }
    /* A weekday before the date, as Excel's long date ("Monday, February
     * 25, 2019") and RFC 2822 ("Mon, 25 Feb 2019 14:30:00 GMT", RSS feeds)
     * write it: left out, then checked against the date. */
    int wday = -1;
    {
        size_t w = 0;
        while (isalpha((unsigned char)buf[w]))
            w++;
        for (int i = 0; i < 7 && w >= 3 && (buf[w] == ',' || buf[w] == ' ' || buf[w] == '.');
             i++)
            if ((w == 3 || w == strlen(weekday_names[i])) &&
                strncasecmp(buf, weekday_names[i], w) == 0)
                wday = i;
        if (wday >= 0) {
            while (buf[w] == ',' || buf[w] == ' ' || buf[w] == '.')
                w++;
            memmove(buf, buf + w, strlen(buf + w) + 1);
        }
    }
    tok tk[4];
    int k = split_tokens(buf, tk, 4);
    int y = 0, m = 0, d = 0;
    im_date_precision p = IM_DATE_DAY;
    bool ok = false;
    if (k == 3 && tk[0].kind == 'n' && tk[0].len == 4 && tk[1].kind == 'n' &&
        tk[2].kind == 'n' && tk[1].sep == tk[2].sep && tk[1].sep != ' ') {
        y = tk[0].value, m = tk[1].value, d = tk[2].value, ok = true; /* 2021/07/08 */
    } else if (k == 2 && tk[0].kind == 'n' && tk[0].len == 4 && tk[1].kind == 'n' &&
               tk[1].len <= 2 && tk[1].sep == '/') {
        y = tk[0].value, m = tk[1].value, p = IM_DATE_MONTH, ok = true; /* 2021/07 */
    } else if (k == 3 && tk[0].kind == 'n' && tk[0].len <= 2 && tk[1].kind == 'n' &&
               tk[1].len <= 2 && tk[1].sep == tk[2].sep && tk[1].sep != ' ' &&
               year_of(&tk[2], &y)) {
        int a = tk[0].value, b = tk[1].value;
        if (tk[1].sep != '/') {
            d = a, m = b; /* 08-07-2021, 08.07.2021, 31-12-19: day first */
        } else if (order) {
            d = order == 'd' ? a : b;
            m = order == 'd' ? b : a;
        } else if (a > 12 && b <= 12) {
            d = a, m = b;
            if (slash)
                slash->seen = 'd';
        } else if (b > 12 && a <= 12) {
            m = a, d = b;
            if (slash)
                slash->seen = 'm';
        } else if (a == b) {
            d = m = a;
        } else if (a <= 12 && b <= 12) {
            if (slash) {
                slash->seen = '?';
                slash->a = (unsigned char)a;
                slash->b = (unsigned char)b;
            }
            return WHY("is ambiguous: day/month/year or month/day/year (say which with "
                       "--date-order dmy or --date-order mdy)");
        } else {
            return WHY("is not a real calendar date");
        }
        ok = true;
    } else if (k == 3 && tk[0].kind == 'n' && tk[0].len <= 2 && tk[1].kind == 'w' &&
               year_of(&tk[2], &y)) {
        d = tk[0].value, m = tk[1].value, ok = true; /* 8 July 2021, 01-January-2015, 9-May-20 */
    } else if (k == 3 && tk[0].kind == 'w' && tk[1].kind == 'n' && tk[1].len <= 2 &&
               tk[2].kind == 'n' && tk[2].len == 4) {
        m = tk[0].value, d = tk[1].value, y = tk[2].value, ok = true; /* July 8, 2021 */
    } else if (k == 2 && tk[0].kind == 'w' && tk[1].kind == 'n' && tk[1].len == 4 && !has_time) {
        m = tk[0].value, y = tk[1].value, p = IM_DATE_MONTH, ok = true; /* July 2021 */
    }
    if (!ok)
        return WHY("is not a date incmap reads (2021-07-08, 08-07-2021, 8 July 2021, "
                   "01-January-2015, 9-May-20, 07/08/2021 with --date-order; or give the form "
                   "with --date-format)");
    if (m < 1 || m > 12 || (p == IM_DATE_DAY && (d < 1 || d > month_days(y, m))))
        return WHY("is not a real calendar date");
    if (p == IM_DATE_MONTH)
        d = 1;
    int64_t days = days_from_ymd(y, m, d);
    if (wday >= 0 && p == IM_DATE_DAY && ((days % 7 + 7) % 7 + 4) % 7 != wday)
        return WHY("says %s, but %04d-%02d-%02d is a %s", weekday_names[wday], y, m, d,
                   weekday_names[((days % 7 + 7) % 7 + 4) % 7]);
    *t = days * 86400;
    if (has_time && p == IM_DATE_DAY) {
        *t += tod;
        if (!midnight)
            p = IM_DATE_SECOND;
    }
    *prec = p;
    return true;
}

bool im_date_strptime(const char *text, const char *fmt, int64_t *t, im_date_precision *prec)
{
    const char *s = text;
    int y = -1, m = -1, d = -1, yday = -1, hh = -1, mi = 0, ss = 0, n, v;
    int64_t offset = 0;
    for (const char *f = fmt; *f; f++) {
        if (isspace((unsigned char)*f)) {
            while (isspace((unsigned char)*s))
                s++;
            continue;
        }
        if (*f != '%') {
            if (tolower((unsigned char)*s) != tolower((unsigned char)*f))
                return false;
            s++;
            continue;
        }
        f++;
        switch (*f) {
        case 'Y':
            if ((y = number_at(&s, 4, &n)) < 0 || n != 4)
                return false;
            break;
        case 'y':
            if ((v = number_at(&s, 2, &n)) < 0 || n != 2)
                return false;
            y = full_year(v);
            break;
        case 'm':
            if ((m = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'e':
            while (*s == ' ')
                s++;
            /* fall through */
        case 'd':
            if ((d = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'j':
            if ((yday = number_at(&s, 3, &n)) < 0)
                return false;
            break;
        case 'b': case 'B': case 'h': {
            const char *q = s;
            while (isalpha((unsigned char)*q))
                q++;
            if (*q == '.')
                q++;
            if (!(m = month_word(s, (size_t)(q - s))))
                return false;
            s = q;
            break;
        }
        case 'H':
            if ((hh = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'M':
            if ((mi = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'S':
            if ((ss = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'T':
            if ((hh = number_at(&s, 2, &n)) < 0 || *s++ != ':' ||
                (mi = number_at(&s, 2, &n)) < 0 || *s++ != ':' ||
                (ss = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'F':
            if ((y = number_at(&s, 4, &n)) < 0 || n != 4 || *s++ != '-' ||
                (m = number_at(&s, 2, &n)) < 0 || *s++ != '-' || (d = number_at(&s, 2, &n)) < 0)
                return false;
            break;
        case 'z': {
            if (*s == 'Z' || *s == 'z') {
                s++;
                break;
            }
            if (*s != '+' && *s != '-')
                return false;
            int sign = *s++ == '-' ? -1 : 1, oh, om = 0;
            if ((oh = number_at(&s, 2, &n)) < 0 || n != 2)
                return false;
            if (*s == ':')
                s++;
            if (isdigit((unsigned char)*s) && (om = number_at(&s, 2, &n)) < 0)
                return false;
            if (oh > 14 || om > 59)
                return false;
            offset = sign * (oh * 3600 + om * 60);
            break;
        }
        case '%':
            if (*s++ != '%')
                return false;
            break;
        default:
            return false;
        }
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s || y < 0)
        return false;
    im_date_precision p = IM_DATE_DAY;
    if (yday >= 0) {
        if (yday < 1 || yday > (is_leap(y) ? 366 : 365))
            return false;
        *t = (days_from_ymd(y, 1, 1) + yday - 1) * 86400;
    } else {
        if (m < 0) {
            m = 1, p = IM_DATE_YEAR;
        } else if (d < 0) {
            p = IM_DATE_MONTH;
        }
        if (d < 0)
            d = 1;
        if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
            return false;
        *t = days_from_ymd(y, m, d) * 86400;
    }
    if (hh >= 0 && p == IM_DATE_DAY) {
        if (hh > 23 || mi > 59 || ss > 60)
            return false;
        *t += hh * 3600 + mi * 60 + (ss == 60 ? 59 : ss) - offset;
        p = IM_DATE_SECOND;
    }
    *prec = p;
    return true;
}

bool im_date_excel_serial(const char *text, int64_t *t, im_date_precision *prec)
{
    while (*text == ' ')
        text++;
    size_t n = 0;
    while (text[n] >= '0' && text[n] <= '9')
        n++;
    if (n != 5 || text[0] == '0')
        return false;
    const char *p = text + n;
    double frac = 0, scale = 0.1;
    if (*p == '.' || *p == ',') {
        p++;
        if (*p < '0' || *p > '9')
            return false;
        for (; *p >= '0' && *p <= '9'; p++, scale /= 10)
            frac += (*p - '0') * scale;
    }
    while (*p == ' ')
        p++;
    if (*p)
        return false;
    int64_t serial = 0;
    for (size_t i = 0; i < n; i++)
        serial = serial * 10 + (text[i] - '0');
    /* Day 1 is 1900-01-01 and Excel counts a 29 February 1900, so from
     * day 61 on the days count from 1899-12-30. */
    int64_t day = im_date_make(1899, 12, 30) / 86400 + serial;
    int64_t secs = (int64_t)(frac * 86400 + 0.5);
    *t = day * 86400 + (secs < 86400 ? secs : 86399);
    *prec = secs ? IM_DATE_SECOND : IM_DATE_DAY;
    return true;
}
