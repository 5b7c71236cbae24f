/*
 * Fax images of the fax service: multi-page bilevel TIFF files (TIFF Class F style).
 *
 * - tiff_inspect() validates a client's body file and counts its pages (tiff_read.c);
 * - tiff_join() / tiff_extract_pages() build one job image from pages of other files, copying
 *   each page's strips verbatim under a rewritten IFD (tiff_join.c);
 * - fax_bitmap_* draw 1-bit pages (fax_bitmap.c, text in fax_font.c), fax_g4_encode() compresses
 *   one with CCITT Group 4 (g4_encode.c), fax_write_tiff() writes pages as a G4 TIFF (fax_write.c).
 *
 * Pure C99 on memory buffers: no file I/O, no Win32, no libtiff. Inputs are never trusted: every
 * offset and count is bounds-checked, IFD chains with loops are rejected, and the number of pages
 * is limited by the caller. Output buffers are malloc'ed; release them with tiff_buffer_free().
 * Nothing here keeps global state: every function may run on any thread.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_TIFF_H
#define FXS_TIFF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tiff_status
{
    TIFF_OK = 0,
    TIFF_ERR_NOT_TIFF,        /* empty, or no "II*\0" / "MM\0*" header */
    TIFF_ERR_TRUNCATED,       /* a header, IFD, tag value or strip runs past the end of the data */
    TIFF_ERR_CORRUPT,         /* inconsistent structure: IFD loop, missing required tag, bad count */
    TIFF_ERR_UNSUPPORTED,     /* a well-formed TIFF that is no bilevel fax image (colour, tiles, JPEG...) */
    TIFF_ERR_TOO_MANY_PAGES,  /* more pages than the caller's maximum */
    TIFF_ERR_NO_MEMORY,
    TIFF_ERR_TOO_LARGE,       /* the output would not fit the 32-bit offsets of a TIFF file */
    TIFF_ERR_INVALID_ARG      /* the caller's mistake: NULL pointer, page out of range, empty image */
} tiff_status;

/* A short English description ("truncated TIFF data"), never NULL. */
const char *tiff_status_text(tiff_status status);

/* TIFF field values the fax code uses. */
#define TIFF_COMPRESSION_NONE      1
#define TIFF_COMPRESSION_CCITT_RLE 2      /* Modified Huffman, one line at a time */
#define TIFF_COMPRESSION_CCITT_T4  3      /* Group 3 (MH or MR), see T4Options */
#define TIFF_COMPRESSION_CCITT_T6  4      /* Group 4 (MMR) */
#define TIFF_COMPRESSION_PACKBITS  32773
#define TIFF_PHOTOMETRIC_WHITE_IS_ZERO 0
#define TIFF_PHOTOMETRIC_BLACK_IS_ZERO 1
#define TIFF_RESUNIT_NONE 1
#define TIFF_RESUNIT_INCH 2
#define TIFF_RESUNIT_CM   3

/* Limits of what inspect accepts and what the writers produce. */
#define TIFF_MAX_WIDTH       65536u     /* pixels; a fax line is 1728 to 4864 */
#define TIFF_MAX_HEIGHT      1048576u   /* rows; an A4 page at 196 lpi has about 2300 */
#define TIFF_MAX_IFD_ENTRIES 1024u      /* a fax page has about 20 tags */
#define TIFF_MAX_OUTPUT_PAGES 65535u    /* PageNumber is a SHORT */

typedef struct tiff_rational
{
    uint32_t num;
    uint32_t den;
} tiff_rational;

/* What tiff_inspect() learns about one page (one IFD of the main chain). */
typedef struct tiff_page_info
{
    uint32_t ifd_offset;        /* where this page's IFD starts in the file */
    uint32_t width;             /* ImageWidth */
    uint32_t height;            /* ImageLength */
    uint16_t compression;       /* one of TIFF_COMPRESSION_* (default 1) */
    uint16_t bits_per_sample;   /* always 1 for an accepted page */
    uint16_t photometric;       /* 0 WhiteIsZero or 1 BlackIsZero (0 when the tag is missing) */
    uint16_t fill_order;        /* 1 (MSB first, default) or 2 (LSB first) */
    uint16_t resolution_unit;   /* TIFF_RESUNIT_* (default inch) */
    uint8_t has_resolution;     /* X and Y resolution present with non-zero denominators */
    uint8_t has_t4_options;
    uint8_t has_t6_options;
    tiff_rational x_resolution; /* as stored, 0/0 when absent */
    tiff_rational y_resolution;
    uint32_t x_dpi;             /* rounded dots per inch; 0 when absent or without a unit */
    uint32_t y_dpi;
    uint32_t t4_options;        /* T4Options (Group3Options) when present, else 0 */
    uint32_t t6_options;        /* T6Options (Group4Options) when present, else 0 */
    uint32_t rows_per_strip;    /* clamped to height */
    uint32_t strip_count;
    uint64_t strip_bytes;       /* sum of StripByteCounts: the page's compressed size */
} tiff_page_info;

typedef struct tiff_doc
{
    uint32_t page_count;
    tiff_page_info *pages;      /* page_count entries, malloc'ed; NULL when page_count is 0 */
    int big_endian;             /* the file was "MM" */
    uint32_t error_page;        /* on failure: index of the page where the problem was found */
} tiff_doc;

/*
 * Parses a whole TIFF file held in memory and checks that it is a valid fax body: at least one
 * page, at most max_pages pages, every page bilevel (BitsPerSample 1, SamplesPerPixel 1),
 * compressed with none, CCITT RLE, Group 3, Group 4 or PackBits, stored in strips that lie inside
 * the data. On TIFF_OK fills doc (free it with tiff_doc_free); on failure doc holds no pages and
 * doc->error_page tells which page failed. This is the entry point to fuzz: it reads nothing
 * outside data[0..size) whatever the bytes are.
 */
tiff_status tiff_inspect(const void *data, size_t size, uint32_t max_pages, tiff_doc *doc);
void tiff_doc_free(tiff_doc *doc);

/* Where strip `index` of a page found by tiff_inspect() on the same data lies (re-checked). */
tiff_status tiff_page_strip(const void *data, size_t size, const tiff_page_info *page, uint32_t index,
                            uint32_t *offset, uint32_t *length);

/* A malloc'ed output. */
typedef struct tiff_buffer
{
    uint8_t *data;
    size_t size;
} tiff_buffer;

void tiff_buffer_free(tiff_buffer *buffer);

typedef struct tiff_input
{
    const void *data;
    size_t size;
} tiff_input;

/*
 * Builds one little-endian TIFF holding every page of inputs[0], then of inputs[1], and so on.
 * Strip data is copied verbatim; each IFD is rewritten with the tags a fax reader needs
 * (NewSubfileType 2, size, BitsPerSample 1, Compression, Photometric, FillOrder, strips,
 * resolution, T4/T6Options when present, PageNumber n/N counted from 0). Each input must pass
 * tiff_inspect(); the total is limited by max_pages (and by TIFF_MAX_OUTPUT_PAGES).
 */
tiff_status tiff_join(const tiff_input *inputs, size_t input_count, uint32_t max_pages, tiff_buffer *out);

/* Copies pages first_page .. first_page + page_count - 1 (0-based) of one TIFF into a new one. */
tiff_status tiff_extract_pages(const void *data, size_t size, uint32_t first_page, uint32_t page_count,
                               uint32_t max_pages, tiff_buffer *out);

/* A 1-bit image: row y starts at bits + y * stride, the leftmost pixel is the most significant
 * bit of its byte, 1 is black. Bits past width in the last byte of a row stay 0. */
typedef struct fax_bitmap
{
    uint32_t width;
    uint32_t height;
    size_t stride;          /* (width + 7) / 8 */
    uint8_t *bits;
} fax_bitmap;

#define FAX_PAGE_WIDTH        1728u   /* ITU-T T.4 standard line: 215 mm at 8 pels/mm */
#define FAX_PAGE_HEIGHT_A4    2287u   /* 297 mm at 7.7 lines/mm ("fine") */
#define FAX_PAGE_HEIGHT_LETTER 2151u  /* 279.4 mm at 7.7 lines/mm */

/* An all-white bitmap, or NULL when a size is 0, above TIFF_MAX_WIDTH/HEIGHT, or memory is short. */
fax_bitmap *fax_bitmap_create(uint32_t width, uint32_t height);
void fax_bitmap_free(fax_bitmap *bitmap);

/* Drawing clips to the bitmap: any coordinates are allowed. black is 0 (white) or 1 (black). */
void fax_bitmap_set_pixel(fax_bitmap *bitmap, int32_t x, int32_t y, int black);
int fax_bitmap_get_pixel(const fax_bitmap *bitmap, int32_t x, int32_t y);
void fax_bitmap_fill_rect(fax_bitmap *bitmap, int32_t x, int32_t y, int32_t width, int32_t height, int black);

/*
 * Text in the built-in 5x7 font (ASCII 32-126; anything else draws as '?'). Each character takes a
 * cell of FAX_FONT_CELL_WIDTH x FAX_FONT_CELL_HEIGHT pixels times scale (1 to 64), (x, y) being the
 * top-left corner of the first cell; '\n' starts a new line under the first one. Returns the x just
 * right of the last cell drawn on the last line.
 */
#define FAX_FONT_CELL_WIDTH  6
#define FAX_FONT_CELL_HEIGHT 11
int32_t fax_bitmap_draw_text(fax_bitmap *bitmap, int32_t x, int32_t y, const char *text, unsigned scale);
/* The size text would take when drawn: width of its longest line, height of all its lines. */
void fax_text_extent(const char *text, unsigned scale, uint32_t *width, uint32_t *height);

/* Compresses a bitmap with ITU-T T.6 (MMR, TIFF Compression 4, FillOrder 1), ending with EOFB. */
tiff_status fax_g4_encode(const fax_bitmap *bitmap, tiff_buffer *out);

typedef struct fax_write_options
{
    uint32_t x_dpi;         /* 0 means 204 */
    uint32_t y_dpi;         /* 0 means 196 (fine); 98 is standard resolution */
} fax_write_options;

/* Writes the bitmaps as one multi-page Group 4 TIFF (WhiteIsZero, FillOrder 1, one strip per page,
 * PageNumber tags). options may be NULL for 204 x 196 dpi. */
tiff_status fax_write_tiff(const fax_bitmap *const *pages, uint32_t page_count, const fax_write_options *options,
                           tiff_buffer *out);

#ifdef __cplusplus
}
#endif

#endif /* FXS_TIFF_H */
