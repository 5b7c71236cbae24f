/*
 * The service's own cover page (see cover_page.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "cover_page.h"

#define MARGIN      120
#define TEXT_SCALE  3
#define TITLE_SCALE 10
#define LINE_HEIGHT (FAX_FONT_CELL_HEIGHT * TEXT_SCALE + 12)

/* The font has ASCII only: anything else draws as '?'. */
static void to_ascii(const WCHAR *text, char *out, size_t size)
{
    size_t i;
    for (i = 0; text && text[i] && i + 1 < size; i++) out[i] = text[i] < 0x80 ? (char)text[i] : '?';
    out[i] = 0;
}

static int draw_field(fax_bitmap *page, int y, const char *label, const WCHAR *value)
{
    char line[200], ascii[160];

    to_ascii(value, ascii, sizeof(ascii));
    snprintf(line, sizeof(line), "%-9s %s", label, ascii);
    fax_bitmap_draw_text(page, MARGIN, y, line, TEXT_SCALE);
    return y + LINE_HEIGHT;
}

DWORD cover_page_render(const struct job *job, LONG body_pages, tiff_buffer *out)
{
    const struct job_document *doc = &job->document;
    const fax_bitmap *pages[1];
    fax_bitmap *page = fax_bitmap_create(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_A4);
    WCHAR count[16], date[64];
    SYSTEMTIME now;
    tiff_status status;
    int y = MARGIN;

    if (!page) return ERROR_OUTOFMEMORY;
    fax_bitmap_draw_text(page, MARGIN, y, "FAX", TITLE_SCALE);
    y += FAX_FONT_CELL_HEIGHT * TITLE_SCALE + 40;
    fax_bitmap_fill_rect(page, MARGIN, y, FAX_PAGE_WIDTH - 2 * MARGIN, 6, 1);
    y += 40;

    GetLocalTime(&now);
    swprintf(date, ARRAYSIZE(date), L"%04u-%02u-%02u %02u:%02u", now.wYear, now.wMonth, now.wDay, now.wHour,
             now.wMinute);
    swprintf(count, ARRAYSIZE(count), L"%ld", (long)body_pages + 1);

    y = draw_field(page, y, "To:", doc->recipient_name);
    y = draw_field(page, y, "Fax:", doc->recipient_number);
    y += LINE_HEIGHT;
    y = draw_field(page, y, "From:", doc->sender[SENDER_NAME]);
    y = draw_field(page, y, "Company:", doc->sender[SENDER_COMPANY]);
    y = draw_field(page, y, "Fax:", doc->sender[SENDER_FAX_NUMBER]);
    y = draw_field(page, y, "Phone:", doc->sender[SENDER_OFFICE_PHONE]);
    y += LINE_HEIGHT;
    y = draw_field(page, y, "Date:", date);
    y = draw_field(page, y, "Pages:", count);
    y = draw_field(page, y, "Subject:", doc->subject);
    y += LINE_HEIGHT;
    draw_field(page, y, "Note:", doc->note);

    pages[0] = page;
    status = fax_write_tiff(pages, 1, NULL, out);
    fax_bitmap_free(page);
    return status == TIFF_OK ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}
