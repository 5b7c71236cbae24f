/*
 * Assembling a little-endian TIFF in memory: the header, then for each page its strip data
 * followed by its IFD and the IFD's out-of-line values. The file ends with the last page's IFD
 * values, so a truncated copy of it never parses as complete.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff_private.h"

static void put16(uint8_t *p, uint32_t value)
{
    p[0] = (uint8_t)value;
    p[1] = (uint8_t)(value >> 8);
}

static void put32(uint8_t *p, uint32_t value)
{
    p[0] = (uint8_t)value;
    p[1] = (uint8_t)(value >> 8);
    p[2] = (uint8_t)(value >> 16);
    p[3] = (uint8_t)(value >> 24);
}

/* Extends the output by length bytes and returns them, or NULL (sticky) on failure. Offsets in a
 * TIFF are 32 bits: the whole file stays below 4 GiB. */
static uint8_t *reserve(struct tiff_builder *builder, size_t length)
{
    size_t needed;
    uint8_t *p;

    if (builder->status != TIFF_OK)
        return NULL;
    if (length > UINT32_MAX - builder->size)
    {
        builder->status = TIFF_ERR_TOO_LARGE;
        return NULL;
    }
    needed = builder->size + length;
    if (needed > builder->capacity)
    {
        size_t capacity = builder->capacity < 256 ? 256 : builder->capacity;
        while (capacity < needed)
            capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
        if (!(p = realloc(builder->data, capacity)))
        {
            builder->status = TIFF_ERR_NO_MEMORY;
            return NULL;
        }
        builder->data = p;
        builder->capacity = capacity;
    }
    p = builder->data + builder->size;
    builder->size = needed;
    return p;
}

static void align_even(struct tiff_builder *builder)
{
    uint8_t *pad;
    if ((builder->size & 1) && (pad = reserve(builder, 1)))
        *pad = 0;
}

void tiff_builder_init(struct tiff_builder *builder, size_t size_hint)
{
    uint8_t *header;

    memset(builder, 0, sizeof(*builder));
    builder->status = TIFF_OK;
    if (size_hint && size_hint <= UINT32_MAX && (builder->data = malloc(size_hint)))
        builder->capacity = size_hint;
    if ((header = reserve(builder, 8)))
    {
        memcpy(header, "II*\0", 4);
        put32(header + 4, 0);  /* the first IFD's offset, set by the first page */
    }
    builder->link_pos = 4;
}

uint32_t tiff_builder_append(struct tiff_builder *builder, const void *bytes, size_t length)
{
    uint8_t *p;

    align_even(builder);
    if (!(p = reserve(builder, length)))
        return 0;
    if (length)
        memcpy(p, bytes, length);
    return (uint32_t)(p - builder->data);
}

/* One IFD entry to write: `words` values, each a SHORT or a LONG (a RATIONAL is two LONGs). */
struct entry
{
    uint16_t tag;
    uint16_t type;
    uint32_t count;
    const uint32_t *values;
    uint32_t words;
};

static size_t entry_bytes(const struct entry *entry)
{
    return (size_t)entry->words * (entry->type == TYPE_SHORT ? 2 : 4);
}

static void put_values(uint8_t *p, const struct entry *entry)
{
    uint32_t i;
    for (i = 0; i < entry->words; i++)
    {
        if (entry->type == TYPE_SHORT)
            put16(p + i * 2, entry->values[i]);
        else
            put32(p + i * 4, entry->values[i]);
    }
}

#define MAX_ENTRIES 20

static void add_entry(struct entry *entries, unsigned *count, uint16_t tag, uint16_t type, uint32_t values_count,
                      const uint32_t *values)
{
    struct entry *entry = &entries[(*count)++];
    entry->tag = tag;
    entry->type = type;
    entry->count = values_count;
    entry->values = values;
    entry->words = type == TYPE_RATIONAL ? values_count * 2 : values_count;
}

/* The entries of a page, in ascending tag order as TIFF requires. */
static unsigned page_entries(const struct tiff_page_out *page, uint32_t scalars[], struct entry *entries)
{
    const tiff_page_info *info = page->info;
    unsigned count = 0;

    scalars[0] = 2;  /* NewSubfileType: one page of a multi-page document */
    scalars[1] = info->width;
    scalars[2] = info->height;
    scalars[3] = 1;  /* BitsPerSample, SamplesPerPixel */
    scalars[4] = info->compression;
    scalars[5] = info->photometric;
    scalars[6] = info->fill_order;
    scalars[7] = page->rows_per_strip;
    scalars[8] = info->x_resolution.num;
    scalars[9] = info->x_resolution.den;
    scalars[10] = info->y_resolution.num;
    scalars[11] = info->y_resolution.den;
    scalars[12] = info->t4_options;
    scalars[13] = info->t6_options;
    scalars[14] = info->resolution_unit;
    scalars[15] = page->page_number;
    scalars[16] = page->page_total;

    add_entry(entries, &count, TAG_NEW_SUBFILE_TYPE, TYPE_LONG, 1, &scalars[0]);
    add_entry(entries, &count, TAG_IMAGE_WIDTH, TYPE_LONG, 1, &scalars[1]);
    add_entry(entries, &count, TAG_IMAGE_LENGTH, TYPE_LONG, 1, &scalars[2]);
    add_entry(entries, &count, TAG_BITS_PER_SAMPLE, TYPE_SHORT, 1, &scalars[3]);
    add_entry(entries, &count, TAG_COMPRESSION, TYPE_SHORT, 1, &scalars[4]);
    add_entry(entries, &count, TAG_PHOTOMETRIC, TYPE_SHORT, 1, &scalars[5]);
    add_entry(entries, &count, TAG_FILL_ORDER, TYPE_SHORT, 1, &scalars[6]);
    add_entry(entries, &count, TAG_STRIP_OFFSETS, TYPE_LONG, page->strip_count, page->strip_offsets);
    add_entry(entries, &count, TAG_SAMPLES_PER_PIXEL, TYPE_SHORT, 1, &scalars[3]);
    add_entry(entries, &count, TAG_ROWS_PER_STRIP, TYPE_LONG, 1, &scalars[7]);
    add_entry(entries, &count, TAG_STRIP_BYTE_COUNTS, TYPE_LONG, page->strip_count, page->strip_byte_counts);
    if (info->has_resolution)
    {
        add_entry(entries, &count, TAG_X_RESOLUTION, TYPE_RATIONAL, 1, &scalars[8]);
        add_entry(entries, &count, TAG_Y_RESOLUTION, TYPE_RATIONAL, 1, &scalars[10]);
    }
    if (info->has_t4_options)
        add_entry(entries, &count, TAG_T4_OPTIONS, TYPE_LONG, 1, &scalars[12]);
    if (info->has_t6_options)
        add_entry(entries, &count, TAG_T6_OPTIONS, TYPE_LONG, 1, &scalars[13]);
    if (info->has_resolution)
        add_entry(entries, &count, TAG_RESOLUTION_UNIT, TYPE_SHORT, 1, &scalars[14]);
    add_entry(entries, &count, TAG_PAGE_NUMBER, TYPE_SHORT, 2, &scalars[15]);
    return count;
}

void tiff_builder_add_page(struct tiff_builder *builder, const struct tiff_page_out *page)
{
    struct entry entries[MAX_ENTRIES];
    uint32_t scalars[17];
    unsigned count = page_entries(page, scalars, entries), i;
    size_t table = 2 + (size_t)count * 12 + 4, total = table, ifd_pos, value_pos;
    uint8_t *ifd;

    if (!page->strip_count || page->strip_count > UINT32_MAX / 8)
    {
        if (builder->status == TIFF_OK)
            builder->status = TIFF_ERR_INVALID_ARG;
        return;
    }
    for (i = 0; i < count; i++)
        if (entry_bytes(&entries[i]) > 4)
            total += entry_bytes(&entries[i]);

    align_even(builder);
    if (!(ifd = reserve(builder, total)))
        return;
    ifd_pos = (size_t)(ifd - builder->data);
    value_pos = ifd_pos + table;
    put16(ifd, count);
    for (i = 0; i < count; i++)
    {
        uint8_t *p = ifd + 2 + i * 12;
        size_t bytes = entry_bytes(&entries[i]);

        put16(p, entries[i].tag);
        put16(p + 2, entries[i].type);
        put32(p + 4, entries[i].count);
        put32(p + 8, 0);
        if (bytes <= 4)
            put_values(p + 8, &entries[i]);
        else
        {
            put32(p + 8, (uint32_t)value_pos);
            put_values(builder->data + value_pos, &entries[i]);
            value_pos += bytes;
        }
    }
    put32(ifd + table - 4, 0);  /* no next IFD yet */
    put32(builder->data + builder->link_pos, (uint32_t)ifd_pos);
    builder->link_pos = ifd_pos + table - 4;
}

tiff_status tiff_builder_finish(struct tiff_builder *builder, tiff_buffer *out)
{
    tiff_status status = builder->status;
    uint8_t *shrunk;

    if (status == TIFF_OK && builder->link_pos == 4)
        status = TIFF_ERR_INVALID_ARG;  /* no page: not a TIFF */
    if (status != TIFF_OK)
    {
        free(builder->data);
        memset(builder, 0, sizeof(*builder));
        return status;
    }
    if ((shrunk = realloc(builder->data, builder->size)))
        builder->data = shrunk;
    out->data = builder->data;
    out->size = builder->size;
    memset(builder, 0, sizeof(*builder));
    return TIFF_OK;
}

void tiff_buffer_free(tiff_buffer *buffer)
{
    if (!buffer)
        return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
}
