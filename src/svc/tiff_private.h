/*
 * What the TIFF files of the fax service share among themselves: reading one IFD of untrusted
 * data (tiff_read.c) and assembling a little-endian TIFF in memory (tiff_build.c).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_TIFF_PRIVATE_H
#define FXS_TIFF_PRIVATE_H

#include "tiff.h"

/* TIFF tags used here. */
#define TAG_NEW_SUBFILE_TYPE   254
#define TAG_IMAGE_WIDTH        256
#define TAG_IMAGE_LENGTH       257
#define TAG_BITS_PER_SAMPLE    258
#define TAG_COMPRESSION        259
#define TAG_PHOTOMETRIC        262
#define TAG_FILL_ORDER         266
#define TAG_STRIP_OFFSETS      273
#define TAG_SAMPLES_PER_PIXEL  277
#define TAG_ROWS_PER_STRIP     278
#define TAG_STRIP_BYTE_COUNTS  279
#define TAG_X_RESOLUTION       282
#define TAG_Y_RESOLUTION       283
#define TAG_PLANAR_CONFIG      284
#define TAG_T4_OPTIONS         292
#define TAG_T6_OPTIONS         293
#define TAG_RESOLUTION_UNIT    296
#define TAG_PAGE_NUMBER        297
#define TAG_TILE_WIDTH         322
#define TAG_TILE_LENGTH        323
#define TAG_TILE_OFFSETS       324
#define TAG_TILE_BYTE_COUNTS   325

/* TIFF field types used here. */
#define TYPE_SHORT    3
#define TYPE_LONG     4
#define TYPE_RATIONAL 5

/* The data being read; big_endian is set from the header. */
struct tiff_src
{
    const uint8_t *data;
    size_t size;
    int big_endian;
};

/* An array of tag values known to lie inside the data. */
struct tiff_array
{
    uint16_t type;      /* TYPE_SHORT or TYPE_LONG */
    uint32_t count;
    size_t pos;         /* where the first value starts */
};

/* One IFD, read and checked. */
struct tiff_ifd
{
    tiff_page_info info;
    struct tiff_array strip_offsets;
    struct tiff_array strip_byte_counts;
    uint32_t next_ifd;
};

/* Reads the header: sets src->big_endian and the first IFD's offset. */
tiff_status tiff_read_header(struct tiff_src *src, uint32_t *first_ifd);
/* Reads and validates the IFD at offset as a fax page. */
tiff_status tiff_read_ifd(const struct tiff_src *src, uint32_t offset, struct tiff_ifd *ifd);
/* Value `index` (< array->count) of a checked array. */
uint32_t tiff_array_get(const struct tiff_src *src, const struct tiff_array *array, uint32_t index);

/*
 * A little-endian TIFF under construction. Errors are sticky: after one failure every call does
 * nothing and tiff_builder_finish() reports it, so callers check once at the end.
 */
struct tiff_builder
{
    uint8_t *data;
    size_t size;
    size_t capacity;
    size_t link_pos;    /* where the offset of the next IFD must be written */
    tiff_status status;
};

/* A page to describe in an IFD; strip data must already be in the builder. */
struct tiff_page_out
{
    const tiff_page_info *info;     /* size, compression, photometric, fill order, resolution, options */
    uint32_t strip_count;
    const uint32_t *strip_offsets;  /* offsets in the builder's output */
    const uint32_t *strip_byte_counts;
    uint32_t rows_per_strip;
    uint16_t page_number;           /* 0-based */
    uint16_t page_total;
};

void tiff_builder_init(struct tiff_builder *builder, size_t size_hint);
/* Appends bytes at an even offset and returns that offset (0 after a failure). */
uint32_t tiff_builder_append(struct tiff_builder *builder, const void *bytes, size_t length);
/* Appends an IFD for the page and links it after the previous one. */
void tiff_builder_add_page(struct tiff_builder *builder, const struct tiff_page_out *page);
/* Hands the finished file over to out, or frees everything and returns the first error. */
tiff_status tiff_builder_finish(struct tiff_builder *builder, tiff_buffer *out);

#endif /* FXS_TIFF_PRIVATE_H */
