/*
 * Fax images the service produces itself: bitmaps written as one multi-page TIFF Class F file,
 * Group 4 compressed, one strip per page.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff_private.h"

#define DEFAULT_X_DPI 204
#define DEFAULT_Y_DPI 196

tiff_status fax_write_tiff(const fax_bitmap *const *pages, uint32_t page_count, const fax_write_options *options,
                           tiff_buffer *out)
{
    struct tiff_builder builder;
    tiff_page_info info;
    uint32_t i;

    if (!out)
        return TIFF_ERR_INVALID_ARG;
    out->data = NULL;
    out->size = 0;
    if (!pages || !page_count)
        return TIFF_ERR_INVALID_ARG;
    if (page_count > TIFF_MAX_OUTPUT_PAGES)
        return TIFF_ERR_TOO_MANY_PAGES;

    memset(&info, 0, sizeof(info));
    info.compression = TIFF_COMPRESSION_CCITT_T6;
    info.bits_per_sample = 1;
    info.photometric = TIFF_PHOTOMETRIC_WHITE_IS_ZERO;
    info.fill_order = 1;
    info.resolution_unit = TIFF_RESUNIT_INCH;
    info.has_resolution = 1;
    info.x_resolution.num = options && options->x_dpi ? options->x_dpi : DEFAULT_X_DPI;
    info.x_resolution.den = 1;
    info.y_resolution.num = options && options->y_dpi ? options->y_dpi : DEFAULT_Y_DPI;
    info.y_resolution.den = 1;
    info.has_t6_options = 1;  /* 0: plain MMR, no uncompressed mode */

    tiff_builder_init(&builder, 0);
    for (i = 0; i < page_count; i++)
    {
        struct tiff_page_out page;
        tiff_buffer strip;
        uint32_t offset, length;
        tiff_status status;

        if (!pages[i] || pages[i]->height > TIFF_MAX_HEIGHT)
            status = TIFF_ERR_INVALID_ARG;
        else
            status = fax_g4_encode(pages[i], &strip);
        if (status == TIFF_OK && strip.size > UINT32_MAX)
        {
            tiff_buffer_free(&strip);
            status = TIFF_ERR_TOO_LARGE;
        }
        if (status != TIFF_OK)
        {
            free(builder.data);
            return status;
        }
        length = (uint32_t)strip.size;
        offset = tiff_builder_append(&builder, strip.data, strip.size);
        tiff_buffer_free(&strip);

        info.width = pages[i]->width;
        info.height = pages[i]->height;
        page.info = &info;
        page.strip_count = 1;
        page.strip_offsets = &offset;
        page.strip_byte_counts = &length;
        page.rows_per_strip = info.height;
        page.page_number = (uint16_t)i;
        page.page_total = (uint16_t)page_count;
        tiff_builder_add_page(&builder, &page);
    }
    return tiff_builder_finish(&builder, out);
}
