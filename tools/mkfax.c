/*
 * mkfax: writes a fax body, a multi-page Group 4 TIFF with "Page n of N" on each page, with the
 * fax service's own TIFF module. For the demo and for trying the samples by hand.
 *
 *     mkfax OUT.tif [PAGES]
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include "tiff.h"

int main(int argc, char **argv)
{
    fax_bitmap *pages[16];
    tiff_buffer out = { 0 };
    unsigned int count = argc > 2 ? (unsigned int)atoi(argv[2]) : 2, i;
    char text[64];
    FILE *file;

    if (argc < 2 || count < 1 || count > 16)
    {
        fprintf(stderr, "usage: mkfax OUT.tif [PAGES, 1 to 16]\n");
        return 2;
    }
    for (i = 0; i < count; i++)
    {
        pages[i] = fax_bitmap_create(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_A4);
        if (!pages[i]) return 1;
        snprintf(text, sizeof(text), "fxscomex\nPage %u of %u", i + 1, count);
        fax_bitmap_draw_text(pages[i], 150, 200, text, 12);
    }
    if (fax_write_tiff((const fax_bitmap *const *)pages, count, NULL, &out) != TIFF_OK) return 1;
    if (!(file = fopen(argv[1], "wb")) || fwrite(out.data, 1, out.size, file) != out.size || fclose(file))
    {
        perror(argv[1]);
        return 1;
    }
    for (i = 0; i < count; i++) fax_bitmap_free(pages[i]);
    tiff_buffer_free(&out);
    return 0;
}
