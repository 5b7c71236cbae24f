/*
 * Reading TIFF files that come from outside: a client's fax body, a received image. Everything
 * is checked before it is read, in 64-bit arithmetic, and the work done is bounded by the size
 * of the data: a fuzzer may feed this file anything.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff_private.h"

const char *tiff_status_text(tiff_status status)
{
    switch (status)
    {
    case TIFF_OK: return "success";
    case TIFF_ERR_NOT_TIFF: return "not a TIFF file";
    case TIFF_ERR_TRUNCATED: return "truncated TIFF data";
    case TIFF_ERR_CORRUPT: return "corrupt TIFF structure";
    case TIFF_ERR_UNSUPPORTED: return "not a bilevel fax image";
    case TIFF_ERR_TOO_MANY_PAGES: return "too many pages";
    case TIFF_ERR_NO_MEMORY: return "out of memory";
    case TIFF_ERR_TOO_LARGE: return "image too large for a TIFF file";
    case TIFF_ERR_INVALID_ARG: return "invalid argument";
    }
    return "unknown TIFF status";
}

static uint16_t get16(const struct tiff_src *src, size_t pos)
{
    const uint8_t *p = src->data + pos;
    return src->big_endian ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static uint32_t get32(const struct tiff_src *src, size_t pos)
{
    const uint8_t *p = src->data + pos;
    if (src->big_endian)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Whether length bytes from pos lie inside the data, without overflow. */
static int in_bounds(const struct tiff_src *src, uint64_t pos, uint64_t length)
{
    return pos <= src->size && length <= src->size - pos;
}

tiff_status tiff_read_header(struct tiff_src *src, uint32_t *first_ifd)
{
    static const uint8_t little[4] = { 'I', 'I', 42, 0 }, big[4] = { 'M', 'M', 0, 42 };
    static const uint8_t big_little[4] = { 'I', 'I', 43, 0 }, big_big[4] = { 'M', 'M', 0, 43 };
    size_t prefix = src->size < 4 ? src->size : 4;

    if (!src->size)
        return TIFF_ERR_NOT_TIFF;
    if (!memcmp(src->data, little, prefix))
        src->big_endian = 0;
    else if (!memcmp(src->data, big, prefix))
        src->big_endian = 1;
    else if (prefix == 4 && (!memcmp(src->data, big_little, 4) || !memcmp(src->data, big_big, 4)))
        return TIFF_ERR_UNSUPPORTED;  /* BigTIFF: no fax software writes it */
    else
        return TIFF_ERR_NOT_TIFF;
    if (src->size < 8)
        return TIFF_ERR_TRUNCATED;
    *first_ifd = get32(src, 4);
    if (*first_ifd < 8)  /* no page at all, or an IFD inside the header */
        return TIFF_ERR_CORRUPT;
    return TIFF_OK;
}

/* Sizes of the TIFF 6.0 field types, 0 for unknown ones. */
static unsigned type_size(uint16_t type)
{
    static const uint8_t sizes[] = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4 };
    return type < sizeof(sizes) ? sizes[type] : 0;
}

/* The values of the entry at entry_pos (inside the IFD, already checked). */
static tiff_status locate_values(const struct tiff_src *src, size_t entry_pos, uint16_t *type, uint32_t *count,
                                 size_t *pos)
{
    uint64_t length;
    unsigned size;

    *type = get16(src, entry_pos + 2);
    *count = get32(src, entry_pos + 4);
    if (!(size = type_size(*type)) || !*count)
        return TIFF_ERR_CORRUPT;
    length = (uint64_t)*count * size;
    if (length <= 4)
    {
        *pos = entry_pos + 8;
        return TIFF_OK;
    }
    *pos = get32(src, entry_pos + 8);
    return in_bounds(src, *pos, length) ? TIFF_OK : TIFF_ERR_TRUNCATED;
}

static tiff_status get_array(const struct tiff_src *src, size_t entry_pos, struct tiff_array *array)
{
    tiff_status status = locate_values(src, entry_pos, &array->type, &array->count, &array->pos);
    if (status == TIFF_OK && array->type != TYPE_SHORT && array->type != TYPE_LONG)
        return TIFF_ERR_CORRUPT;
    return status;
}

uint32_t tiff_array_get(const struct tiff_src *src, const struct tiff_array *array, uint32_t index)
{
    if (array->type == TYPE_SHORT)
        return get16(src, array->pos + (size_t)index * 2);
    return get32(src, array->pos + (size_t)index * 4);
}

/* The first value of an integer tag (SHORT or LONG). */
static tiff_status get_uint(const struct tiff_src *src, size_t entry_pos, uint32_t *value)
{
    struct tiff_array array;
    tiff_status status = get_array(src, entry_pos, &array);
    if (status == TIFF_OK)
        *value = tiff_array_get(src, &array, 0);
    return status;
}

/* A resolution: a malformed one (wrong type, zero denominator) counts as absent, as it is only
 * advisory; values outside the data still make the file truncated. */
static tiff_status get_resolution(const struct tiff_src *src, size_t entry_pos, tiff_rational *value, int *valid)
{
    uint16_t type;
    uint32_t count;
    size_t pos;
    tiff_status status = locate_values(src, entry_pos, &type, &count, &pos);

    *valid = 0;
    if (status == TIFF_ERR_CORRUPT)
        return TIFF_OK;
    if (status != TIFF_OK || type != TYPE_RATIONAL)
        return status;
    value->num = get32(src, pos);
    value->den = get32(src, pos + 4);
    *valid = value->den != 0;
    return TIFF_OK;
}

static uint32_t dots_per_inch(tiff_rational r, uint16_t unit)
{
    uint64_t dpi;

    if (unit == TIFF_RESUNIT_INCH)
        dpi = ((uint64_t)r.num * 2 + r.den) / ((uint64_t)r.den * 2);
    else if (unit == TIFF_RESUNIT_CM)
        dpi = ((uint64_t)r.num * 254 + (uint64_t)r.den * 50) / ((uint64_t)r.den * 100);
    else
        return 0;
    return dpi > UINT32_MAX ? UINT32_MAX : (uint32_t)dpi;
}

/* The tags a page is read from; the first occurrence of a tag wins. */
enum slot
{
    SLOT_WIDTH, SLOT_LENGTH, SLOT_BITS, SLOT_COMPRESSION, SLOT_PHOTOMETRIC, SLOT_FILL_ORDER,
    SLOT_STRIP_OFFSETS, SLOT_SAMPLES, SLOT_ROWS_PER_STRIP, SLOT_STRIP_BYTE_COUNTS, SLOT_X_RES, SLOT_Y_RES,
    SLOT_PLANAR, SLOT_T4, SLOT_T6, SLOT_RES_UNIT, SLOT_TILES, SLOT_COUNT
};

static int slot_of(uint16_t tag)
{
    switch (tag)
    {
    case TAG_IMAGE_WIDTH: return SLOT_WIDTH;
    case TAG_IMAGE_LENGTH: return SLOT_LENGTH;
    case TAG_BITS_PER_SAMPLE: return SLOT_BITS;
    case TAG_COMPRESSION: return SLOT_COMPRESSION;
    case TAG_PHOTOMETRIC: return SLOT_PHOTOMETRIC;
    case TAG_FILL_ORDER: return SLOT_FILL_ORDER;
    case TAG_STRIP_OFFSETS: return SLOT_STRIP_OFFSETS;
    case TAG_SAMPLES_PER_PIXEL: return SLOT_SAMPLES;
    case TAG_ROWS_PER_STRIP: return SLOT_ROWS_PER_STRIP;
    case TAG_STRIP_BYTE_COUNTS: return SLOT_STRIP_BYTE_COUNTS;
    case TAG_X_RESOLUTION: return SLOT_X_RES;
    case TAG_Y_RESOLUTION: return SLOT_Y_RES;
    case TAG_PLANAR_CONFIG: return SLOT_PLANAR;
    case TAG_T4_OPTIONS: return SLOT_T4;
    case TAG_T6_OPTIONS: return SLOT_T6;
    case TAG_RESOLUTION_UNIT: return SLOT_RES_UNIT;
    case TAG_TILE_WIDTH: case TAG_TILE_LENGTH: case TAG_TILE_OFFSETS: case TAG_TILE_BYTE_COUNTS: return SLOT_TILES;
    }
    return -1;
}

/* An optional integer tag: def when absent. */
static tiff_status get_optional(const struct tiff_src *src, const size_t *entries, int slot, uint32_t def,
                                uint32_t *value)
{
    *value = def;
    return entries[slot] ? get_uint(src, entries[slot], value) : TIFF_OK;
}

#define CHECK(expr) do { tiff_status check_ = (expr); if (check_ != TIFF_OK) return check_; } while (0)

/* Image structure: size, sample layout, compression and its options. */
static tiff_status read_image_tags(const struct tiff_src *src, const size_t *entries, tiff_page_info *info)
{
    uint32_t value;

    if (!entries[SLOT_WIDTH] || !entries[SLOT_LENGTH])
        return TIFF_ERR_CORRUPT;
    CHECK(get_uint(src, entries[SLOT_WIDTH], &info->width));
    CHECK(get_uint(src, entries[SLOT_LENGTH], &info->height));
    if (!info->width || !info->height)
        return TIFF_ERR_CORRUPT;
    if (info->width > TIFF_MAX_WIDTH || info->height > TIFF_MAX_HEIGHT || entries[SLOT_TILES])
        return TIFF_ERR_UNSUPPORTED;

    CHECK(get_optional(src, entries, SLOT_SAMPLES, 1, &value));
    if (value != 1)
        return TIFF_ERR_UNSUPPORTED;
    /* Compressions 2, 3 and 4 imply one bit, and so does a missing tag; anything else is colour or grey. */
    CHECK(get_optional(src, entries, SLOT_BITS, 1, &value));
    if (value != 1)
        return TIFF_ERR_UNSUPPORTED;
    info->bits_per_sample = 1;
    CHECK(get_optional(src, entries, SLOT_PLANAR, 1, &value));
    if (value != 1 && value != 2)
        return TIFF_ERR_CORRUPT;

    CHECK(get_optional(src, entries, SLOT_COMPRESSION, TIFF_COMPRESSION_NONE, &value));
    if (value != TIFF_COMPRESSION_NONE && value != TIFF_COMPRESSION_CCITT_RLE && value != TIFF_COMPRESSION_CCITT_T4
        && value != TIFF_COMPRESSION_CCITT_T6 && value != TIFF_COMPRESSION_PACKBITS)
        return TIFF_ERR_UNSUPPORTED;
    info->compression = (uint16_t)value;
    /* Missing in many fax files, which are WhiteIsZero as TIFF Class F prescribes. */
    CHECK(get_optional(src, entries, SLOT_PHOTOMETRIC, TIFF_PHOTOMETRIC_WHITE_IS_ZERO, &value));
    if (value != TIFF_PHOTOMETRIC_WHITE_IS_ZERO && value != TIFF_PHOTOMETRIC_BLACK_IS_ZERO)
        return TIFF_ERR_UNSUPPORTED;
    info->photometric = (uint16_t)value;
    CHECK(get_optional(src, entries, SLOT_FILL_ORDER, 1, &value));
    if (value != 1 && value != 2)
        return TIFF_ERR_CORRUPT;
    info->fill_order = (uint16_t)value;

    /* Uncompressed mode inside CCITT data (bit 1) is an extension few decoders have. */
    info->has_t4_options = entries[SLOT_T4] != 0;
    CHECK(get_optional(src, entries, SLOT_T4, 0, &info->t4_options));
    info->has_t6_options = entries[SLOT_T6] != 0;
    CHECK(get_optional(src, entries, SLOT_T6, 0, &info->t6_options));
    if ((info->compression == TIFF_COMPRESSION_CCITT_T4 && (info->t4_options & 2))
        || (info->compression == TIFF_COMPRESSION_CCITT_T6 && (info->t6_options & 2)))
        return TIFF_ERR_UNSUPPORTED;
    return TIFF_OK;
}

static tiff_status read_resolution_tags(const struct tiff_src *src, const size_t *entries, tiff_page_info *info)
{
    uint32_t unit;
    int x_valid = 0, y_valid = 0;

    CHECK(get_optional(src, entries, SLOT_RES_UNIT, TIFF_RESUNIT_INCH, &unit));
    if (unit < TIFF_RESUNIT_NONE || unit > TIFF_RESUNIT_CM)
        return TIFF_ERR_CORRUPT;
    info->resolution_unit = (uint16_t)unit;
    if (entries[SLOT_X_RES])
        CHECK(get_resolution(src, entries[SLOT_X_RES], &info->x_resolution, &x_valid));
    if (entries[SLOT_Y_RES])
        CHECK(get_resolution(src, entries[SLOT_Y_RES], &info->y_resolution, &y_valid));
    info->has_resolution = x_valid && y_valid;
    if (!info->has_resolution)
    {
        memset(&info->x_resolution, 0, sizeof(info->x_resolution));
        memset(&info->y_resolution, 0, sizeof(info->y_resolution));
        return TIFF_OK;
    }
    info->x_dpi = dots_per_inch(info->x_resolution, info->resolution_unit);
    info->y_dpi = dots_per_inch(info->y_resolution, info->resolution_unit);
    return TIFF_OK;
}

/* Strips: one per RowsPerStrip rows, each non-empty and inside the data. */
static tiff_status read_strip_tags(const struct tiff_src *src, const size_t *entries, struct tiff_ifd *ifd)
{
    tiff_page_info *info = &ifd->info;
    uint64_t row_bytes = ((uint64_t)info->width + 7) / 8;
    uint32_t rows_per_strip, strips, i;

    if (!entries[SLOT_STRIP_OFFSETS] || !entries[SLOT_STRIP_BYTE_COUNTS])
        return TIFF_ERR_CORRUPT;
    CHECK(get_optional(src, entries, SLOT_ROWS_PER_STRIP, UINT32_MAX, &rows_per_strip));
    if (!rows_per_strip)
        return TIFF_ERR_CORRUPT;
    if (rows_per_strip > info->height)
        rows_per_strip = info->height;
    strips = (info->height - 1) / rows_per_strip + 1;
    CHECK(get_array(src, entries[SLOT_STRIP_OFFSETS], &ifd->strip_offsets));
    CHECK(get_array(src, entries[SLOT_STRIP_BYTE_COUNTS], &ifd->strip_byte_counts));
    if (ifd->strip_offsets.count != strips || ifd->strip_byte_counts.count != strips)
        return TIFF_ERR_CORRUPT;

    info->rows_per_strip = rows_per_strip;
    info->strip_count = strips;
    info->strip_bytes = 0;
    for (i = 0; i < strips; i++)
    {
        uint32_t offset = tiff_array_get(src, &ifd->strip_offsets, i);
        uint32_t length = tiff_array_get(src, &ifd->strip_byte_counts, i);
        uint32_t rows = i + 1 < strips ? rows_per_strip : info->height - i * rows_per_strip;

        if (!length)
            return TIFF_ERR_CORRUPT;
        if (!in_bounds(src, offset, length))
            return TIFF_ERR_TRUNCATED;
        if (info->compression == TIFF_COMPRESSION_NONE && length < rows * row_bytes)
            return TIFF_ERR_CORRUPT;
        info->strip_bytes += length;
    }
    return TIFF_OK;
}

tiff_status tiff_read_ifd(const struct tiff_src *src, uint32_t offset, struct tiff_ifd *ifd)
{
    size_t entries[SLOT_COUNT] = { 0 };  /* entry positions; 0 is never one */
    uint32_t count, i;

    memset(ifd, 0, sizeof(*ifd));
    ifd->info.ifd_offset = offset;
    if (!in_bounds(src, offset, 2))
        return TIFF_ERR_TRUNCATED;
    count = get16(src, offset);
    if (!count || count > TIFF_MAX_IFD_ENTRIES)
        return TIFF_ERR_CORRUPT;
    if (!in_bounds(src, (uint64_t)offset + 2, (uint64_t)count * 12 + 4))
        return TIFF_ERR_TRUNCATED;
    for (i = 0; i < count; i++)
    {
        size_t pos = (size_t)offset + 2 + (size_t)i * 12;
        int slot = slot_of(get16(src, pos));
        if (slot >= 0 && !entries[slot])
            entries[slot] = pos;
    }
    ifd->next_ifd = get32(src, (size_t)offset + 2 + (size_t)count * 12);

    CHECK(read_image_tags(src, entries, &ifd->info));
    CHECK(read_resolution_tags(src, entries, &ifd->info));
    return read_strip_tags(src, entries, ifd);
}

/* The IFD offsets seen so far, to catch chains that loop: open addressing, 0 marks a free slot
 * (no IFD lies at offset 0). */
struct offset_set
{
    uint32_t *slots;
    size_t mask;
    size_t used;
};

static size_t offset_hash(uint32_t offset, size_t mask)
{
    return (size_t)((offset * 2654435761u) & mask);
}

static int offset_set_grow(struct offset_set *set)
{
    size_t capacity = set->slots ? (set->mask + 1) * 2 : 64, i;
    uint32_t *slots = calloc(capacity, sizeof(*slots));

    if (!slots)
        return 0;
    for (i = 0; set->slots && i <= set->mask; i++)
    {
        size_t j;
        if (!set->slots[i])
            continue;
        j = offset_hash(set->slots[i], capacity - 1);
        while (slots[j])
            j = (j + 1) & (capacity - 1);
        slots[j] = set->slots[i];
    }
    free(set->slots);
    set->slots = slots;
    set->mask = capacity - 1;
    return 1;
}

/* Adds offset: 1 if new, 0 if already there, -1 when out of memory. */
static int offset_set_add(struct offset_set *set, uint32_t offset)
{
    size_t j;

    if ((!set->slots || set->used * 2 >= set->mask) && !offset_set_grow(set))
        return -1;
    for (j = offset_hash(offset, set->mask); set->slots[j]; j = (j + 1) & set->mask)
        if (set->slots[j] == offset)
            return 0;
    set->slots[j] = offset;
    set->used++;
    return 1;
}

static tiff_status append_page(tiff_doc *doc, uint32_t *capacity, const tiff_page_info *info)
{
    if (doc->page_count == *capacity)
    {
        uint32_t grown = *capacity ? *capacity * 2 : 8;
        size_t bytes = (size_t)grown * sizeof(tiff_page_info);
        tiff_page_info *pages;

        if (grown < *capacity || bytes / sizeof(tiff_page_info) != grown)
            return TIFF_ERR_NO_MEMORY;
        if (!(pages = realloc(doc->pages, bytes)))
            return TIFF_ERR_NO_MEMORY;
        doc->pages = pages;
        *capacity = grown;
    }
    doc->pages[doc->page_count++] = *info;
    return TIFF_OK;
}

/* Walks the IFD chain. Work is bounded by the data: a legitimate file cannot have more IFD
 * entries than size / 12 or more strips than bytes (no strip is empty). */
static tiff_status read_pages(const struct tiff_src *src, uint32_t offset, uint32_t max_pages, tiff_doc *doc)
{
    struct offset_set seen = { NULL, 0, 0 };
    uint64_t entries = 0, strips = 0;
    uint32_t capacity = 0;
    tiff_status status = TIFF_OK;

    while (offset)
    {
        struct tiff_ifd ifd;
        int added;

        if (doc->page_count >= max_pages)
        {
            status = TIFF_ERR_TOO_MANY_PAGES;
            break;
        }
        if ((added = offset_set_add(&seen, offset)) <= 0)
        {
            status = added ? TIFF_ERR_NO_MEMORY : TIFF_ERR_CORRUPT;
            break;
        }
        if ((status = tiff_read_ifd(src, offset, &ifd)) != TIFF_OK)
            break;
        entries += get16(src, offset);
        strips += ifd.info.strip_count;
        if (entries > src->size / 12 || strips > src->size)
        {
            status = TIFF_ERR_CORRUPT;
            break;
        }
        if ((status = append_page(doc, &capacity, &ifd.info)) != TIFF_OK)
            break;
        offset = ifd.next_ifd;
    }
    free(seen.slots);
    return status;
}

tiff_status tiff_inspect(const void *data, size_t size, uint32_t max_pages, tiff_doc *doc)
{
    struct tiff_src src = { data, size, 0 };
    uint32_t first_ifd;
    tiff_status status;

    if (!doc)
        return TIFF_ERR_INVALID_ARG;
    memset(doc, 0, sizeof(*doc));
    if (!data && size)
        return TIFF_ERR_INVALID_ARG;
    if ((status = tiff_read_header(&src, &first_ifd)) != TIFF_OK)
        return status;
    doc->big_endian = src.big_endian;
    if ((status = read_pages(&src, first_ifd, max_pages, doc)) != TIFF_OK)
    {
        uint32_t failed = doc->page_count;
        tiff_doc_free(doc);
        doc->error_page = failed;
    }
    return status;
}

void tiff_doc_free(tiff_doc *doc)
{
    if (!doc)
        return;
    free(doc->pages);
    memset(doc, 0, sizeof(*doc));
}

tiff_status tiff_page_strip(const void *data, size_t size, const tiff_page_info *page, uint32_t index,
                            uint32_t *offset, uint32_t *length)
{
    struct tiff_src src = { data, size, 0 };
    struct tiff_ifd ifd;
    uint32_t first_ifd;

    if (!page || !offset || !length || (!data && size))
        return TIFF_ERR_INVALID_ARG;
    CHECK(tiff_read_header(&src, &first_ifd));
    CHECK(tiff_read_ifd(&src, page->ifd_offset, &ifd));
    if (index >= ifd.info.strip_count)
        return TIFF_ERR_INVALID_ARG;
    *offset = tiff_array_get(&src, &ifd.strip_offsets, index);
    *length = tiff_array_get(&src, &ifd.strip_byte_counts, index);
    return TIFF_OK;
}
