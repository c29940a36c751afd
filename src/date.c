/* date.c - ISO 8601 dates, date-times with offsets, and durations.
 * Calendar arithmetic is proleptic Gregorian on days since 1970-01-01. */
#include "im_private.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

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
