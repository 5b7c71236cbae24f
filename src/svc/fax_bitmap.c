/*
 * 1-bit page images the service draws itself (test pages, the virtual line's received copies):
 * MSB-first rows, 1 is black, everything clipped to the page.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff.h"

fax_bitmap *fax_bitmap_create(uint32_t width, uint32_t height)
{
    fax_bitmap *bitmap;
    size_t stride = ((size_t)width + 7) / 8;

    if (!width || !height || width > TIFF_MAX_WIDTH || height > TIFF_MAX_HEIGHT || height > SIZE_MAX / stride)
        return NULL;
    if (!(bitmap = malloc(sizeof(*bitmap))))
        return NULL;
    if (!(bitmap->bits = calloc(height, stride)))
    {
        free(bitmap);
        return NULL;
    }
    bitmap->width = width;
    bitmap->height = height;
    bitmap->stride = stride;
    return bitmap;
}

void fax_bitmap_free(fax_bitmap *bitmap)
{
    if (!bitmap)
        return;
    free(bitmap->bits);
    free(bitmap);
}

static int inside(const fax_bitmap *bitmap, int32_t x, int32_t y)
{
    return bitmap && x >= 0 && y >= 0 && (uint32_t)x < bitmap->width && (uint32_t)y < bitmap->height;
}

void fax_bitmap_set_pixel(fax_bitmap *bitmap, int32_t x, int32_t y, int black)
{
    uint8_t *byte, mask;

    if (!inside(bitmap, x, y))
        return;
    byte = bitmap->bits + (size_t)y * bitmap->stride + ((uint32_t)x >> 3);
    mask = (uint8_t)(0x80 >> (x & 7));
    if (black)
        *byte |= mask;
    else
        *byte &= (uint8_t)~mask;
}

int fax_bitmap_get_pixel(const fax_bitmap *bitmap, int32_t x, int32_t y)
{
    if (!inside(bitmap, x, y))
        return 0;
    return (bitmap->bits[(size_t)y * bitmap->stride + ((uint32_t)x >> 3)] >> (7 - (x & 7))) & 1;
}

/* Clips [start, start + length) to [0, limit); false when nothing is left. */
static int clip(int32_t start, int32_t length, uint32_t limit, uint32_t *from, uint32_t *to)
{
    int64_t low = start, high = (int64_t)start + length;

    if (length <= 0)
        return 0;
    if (low < 0)
        low = 0;
    if (high > (int64_t)limit)
        high = limit;
    if (low >= high)
        return 0;
    *from = (uint32_t)low;
    *to = (uint32_t)high;
    return 1;
}

/* Sets or clears pixels [from, to) of one row: partial bytes at both ends, whole bytes between. */
static void fill_span(uint8_t *row, uint32_t from, uint32_t to, int black)
{
    uint32_t first = from >> 3, last = (to - 1) >> 3, i;
    uint8_t head = (uint8_t)(0xff >> (from & 7)), tail = (uint8_t)(0xff << (7 - ((to - 1) & 7)));

    if (first == last)
        head &= tail;
    for (i = first; i <= last; i++)
    {
        uint8_t mask = i == first ? head : i == last ? tail : 0xff;
        if (black)
            row[i] |= mask;
        else
            row[i] &= (uint8_t)~mask;
    }
}

void fax_bitmap_fill_rect(fax_bitmap *bitmap, int32_t x, int32_t y, int32_t width, int32_t height, int black)
{
    uint32_t x0, x1, y0, y1, row;

    if (!bitmap || !clip(x, width, bitmap->width, &x0, &x1) || !clip(y, height, bitmap->height, &y0, &y1))
        return;
    for (row = y0; row < y1; row++)
        fill_span(bitmap->bits + (size_t)row * bitmap->stride, x0, x1, black);
}
