/*
 * Joining fax bodies into one job image, and taking pages out of one: each page's strips are
 * copied verbatim (no decoding, so nothing is lost) under a rewritten IFD that carries only the
 * tags a fax reader needs and the page's new number.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff_private.h"

/* A run of pages of one inspected input. */
struct part
{
    struct tiff_src src;
    tiff_doc doc;
    uint32_t first;
    uint32_t count;
};

static tiff_status copy_page(struct tiff_builder *builder, const struct tiff_src *src, const tiff_page_info *page,
                             uint32_t number, uint32_t total)
{
    struct tiff_page_out out;
    struct tiff_ifd ifd;
    uint32_t *offsets, *lengths, i;
    tiff_status status;

    /* Read again for the strip arrays; inspect has checked it, this only guards against misuse. */
    if ((status = tiff_read_ifd(src, page->ifd_offset, &ifd)) != TIFF_OK)
        return status;
    if (!(offsets = malloc((size_t)ifd.info.strip_count * 2 * sizeof(*offsets))))
        return TIFF_ERR_NO_MEMORY;
    lengths = offsets + ifd.info.strip_count;
    for (i = 0; i < ifd.info.strip_count; i++)
    {
        uint32_t offset = tiff_array_get(src, &ifd.strip_offsets, i);
        lengths[i] = tiff_array_get(src, &ifd.strip_byte_counts, i);
        offsets[i] = tiff_builder_append(builder, src->data + offset, lengths[i]);
    }
    out.info = &ifd.info;
    out.strip_count = ifd.info.strip_count;
    out.strip_offsets = offsets;
    out.strip_byte_counts = lengths;
    out.rows_per_strip = ifd.info.rows_per_strip;
    out.page_number = (uint16_t)number;
    out.page_total = (uint16_t)total;
    tiff_builder_add_page(builder, &out);
    free(offsets);
    return TIFF_OK;
}

static tiff_status assemble(const struct part *parts, size_t part_count, uint32_t total, tiff_buffer *out)
{
    struct tiff_builder builder;
    size_t hint = 8, i;
    uint32_t number = 0, page;
    tiff_status status = TIFF_OK;

    for (i = 0; i < part_count; i++)
        for (page = parts[i].first; page < parts[i].first + parts[i].count; page++)
            if (hint < UINT32_MAX)
                hint += (size_t)parts[i].doc.pages[page].strip_bytes + 300;
    tiff_builder_init(&builder, hint < UINT32_MAX ? hint : 0);
    for (i = 0; i < part_count && status == TIFF_OK; i++)
        for (page = parts[i].first; page < parts[i].first + parts[i].count && status == TIFF_OK; page++)
            status = copy_page(&builder, &parts[i].src, &parts[i].doc.pages[page], number++, total);
    if (status != TIFF_OK)
    {
        free(builder.data);
        return status;
    }
    return tiff_builder_finish(&builder, out);
}

tiff_status tiff_join(const tiff_input *inputs, size_t input_count, uint32_t max_pages, tiff_buffer *out)
{
    struct part *parts;
    uint32_t total = 0;
    tiff_status status = TIFF_OK;
    size_t i;

    if (!out)
        return TIFF_ERR_INVALID_ARG;
    out->data = NULL;
    out->size = 0;
    if (!inputs || !input_count)
        return TIFF_ERR_INVALID_ARG;
    if (max_pages > TIFF_MAX_OUTPUT_PAGES)
        max_pages = TIFF_MAX_OUTPUT_PAGES;
    if (!(parts = calloc(input_count, sizeof(*parts))))
        return TIFF_ERR_NO_MEMORY;
    for (i = 0; i < input_count && status == TIFF_OK; i++)
    {
        struct part *part = &parts[i];

        part->src.data = inputs[i].data;
        part->src.size = inputs[i].size;
        status = tiff_inspect(inputs[i].data, inputs[i].size, max_pages - total, &part->doc);
        part->src.big_endian = part->doc.big_endian;
        part->first = 0;
        part->count = part->doc.page_count;
        total += part->doc.page_count;
    }
    if (status == TIFF_OK)
        status = assemble(parts, input_count, total, out);
    for (i = 0; i < input_count; i++)
        tiff_doc_free(&parts[i].doc);
    free(parts);
    return status;
}

tiff_status tiff_extract_pages(const void *data, size_t size, uint32_t first_page, uint32_t page_count,
                               uint32_t max_pages, tiff_buffer *out)
{
    struct part part;
    tiff_status status;

    if (!out)
        return TIFF_ERR_INVALID_ARG;
    out->data = NULL;
    out->size = 0;
    if (!page_count || page_count > TIFF_MAX_OUTPUT_PAGES)
        return TIFF_ERR_INVALID_ARG;
    part.src.data = data;
    part.src.size = size;
    if ((status = tiff_inspect(data, size, max_pages, &part.doc)) != TIFF_OK)
        return status;
    part.src.big_endian = part.doc.big_endian;
    part.first = first_page;
    part.count = page_count;
    if ((uint64_t)first_page + page_count > part.doc.page_count)
        status = TIFF_ERR_INVALID_ARG;
    else
        status = assemble(&part, 1, page_count, out);
    tiff_doc_free(&part.doc);
    return status;
}
