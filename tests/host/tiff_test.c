/*
 * Host tests of the fax service's TIFF module (src/svc/tiff.h): the Group 4 writer checked against
 * libtiff's own tools (tiffinfo -D decodes every page, tiffcp -c none gives back our pixels bit for
 * bit, tiffcp -c g4 re-encodes them to the same bytes), inspection of files libtiff writes (G3, G4,
 * none, PackBits, big-endian, several strips), joining and extracting pages, and hostile input:
 * truncation at every length, IFD loops, absurd counts and offsets, page limits, and thousands of
 * random mutations, all meant to run under AddressSanitizer and UndefinedBehaviorSanitizer.
 *
 * Build and run from the repository root (libtiff-tools provides tiffinfo and tiffcp; without them
 * the cross-checks are counted as skipped):
 *
 *   mkdir -p build/host && gcc -std=c99 -D_POSIX_C_SOURCE=200809L -O1 -g -Wall -Wextra \
 *       -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -Isrc/svc \
 *       -o build/host/tiff_test tests/host/tiff_test.c src/svc/tiff_read.c src/svc/tiff_build.c \
 *       src/svc/tiff_join.c src/svc/g4_encode.c src/svc/fax_bitmap.c src/svc/fax_font.c src/svc/fax_write.c
 *   build/host/tiff_test
 *
 * The exit code is the number of failures (at most 255); the last line is Wine's summary line.
 * TIFF_TEST_SEED=n changes the random seed, TIFF_TEST_KEEP=1 keeps the temporary folder (in $TMPDIR
 * or /tmp). tiff_fuzz.c beside this file is the libFuzzer target of the same reader.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "tiff.h"

/* The harness: Wine's "file:line: Test failed: ..." lines and summary line. */

static unsigned tests_executed, tests_failed, tests_skipped;

static int ok_at(const char *file, int line, int condition, const char *format, ...)
{
    va_list args;

    tests_executed++;
    if (condition)
        return 1;
    tests_failed++;
    printf("%s:%d: Test failed: ", file, line);
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
    fflush(stdout);
    return 0;
}

#define ok(condition, ...) ok_at("tiff_test.c", __LINE__, (condition) ? 1 : 0, __VA_ARGS__)

static void skip(const char *format, ...)
{
    va_list args;

    tests_skipped++;
    printf("tiff_test.c: Tests skipped: ");
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
}

/* A repeatable random sequence (xorshift64*). */
static uint64_t random_state = 0x9e3779b97f4a7c15ull;

static uint32_t random32(void)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return (uint32_t)((random_state * 2685821657736338717ull) >> 32);
}

static uint32_t random_below(uint32_t limit)
{
    return limit ? random32() % limit : 0;
}

/* Files and external tools. */

static char temp_dir[200];
static int have_tools;

/* The path of a file in the temporary folder; the same name always gives the same, stable string. */
static const char *temp_path(const char *name)
{
    static struct { char name[64]; char path[256]; } paths[64];
    static unsigned used;
    unsigned i;

    for (i = 0; i < used; i++)
        if (!strcmp(paths[i].name, name))
            return paths[i].path;
    if (used == 64)
        abort();
    snprintf(paths[used].name, sizeof(paths[used].name), "%s", name);
    snprintf(paths[used].path, sizeof(paths[used].path), "%s/%s", temp_dir, name);
    return paths[used++].path;
}

static int write_file(const char *path, const void *data, size_t size)
{
    FILE *file = fopen(path, "wb");
    int done;

    if (!file)
        return 0;
    done = fwrite(data, 1, size, file) == size;
    return fclose(file) == 0 && done;
}

static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    uint8_t *data = NULL;
    long length;

    *size = 0;
    if (!file)
        return NULL;
    if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0
        && (data = malloc((size_t)length + 1)))
    {
        *size = fread(data, 1, (size_t)length, file);
        data[*size] = 0;
    }
    fclose(file);
    return data;
}

/* Runs a shell command with stdout and stderr captured; returns its exit status. */
static int run(char **out, char **err, const char *format, ...)
{
    char command[2048], line[2400];
    va_list args;
    size_t size;
    int status;

    va_start(args, format);
    vsnprintf(command, sizeof(command), format, args);
    va_end(args);
    snprintf(line, sizeof(line), "( %s ) >'%s' 2>'%s'", command, temp_path("stdout.txt"), temp_path("stderr.txt"));
    status = system(line);
    if (out)
        *out = (char *)read_file(temp_path("stdout.txt"), &size);
    if (err)
        *err = (char *)read_file(temp_path("stderr.txt"), &size);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static unsigned count_substrings(const char *text, const char *needle)
{
    unsigned count = 0;
    while (text && (text = strstr(text, needle)))
    {
        count++;
        text += strlen(needle);
    }
    return count;
}

/* Page content. */

static fax_bitmap *text_page(uint32_t width, uint32_t height, unsigned number, unsigned total)
{
    fax_bitmap *page = fax_bitmap_create(width, height);
    char line[128];
    int32_t y;

    if (!page)
        return NULL;
    snprintf(line, sizeof(line), "Page %u of %u", number, total);
    fax_bitmap_draw_text(page, 80, 60, "fxscomex test fax: FROM +1 (555) 010-2030", 3);
    fax_bitmap_fill_rect(page, 60, 110, (int32_t)width - 120, 6, 1);
    fax_bitmap_draw_text(page, 80, 160, line, 8);
    for (y = 300; y + 40 < (int32_t)height - 80; y += 40)
        fax_bitmap_draw_text(page, 80, y, "The quick brown fox jumps over the lazy dog; 0123456789 @#$%&*()[]{}<>?!", 3);
    fax_bitmap_fill_rect(page, 60, (int32_t)height - 70, 300, 30, 1);
    fax_bitmap_fill_rect(page, 70, (int32_t)height - 64, 280, 18, 0);
    fax_bitmap_draw_text(page, (int32_t)width - 400, (int32_t)height - 60, line, 2);
    return page;
}

/* Random pixels with the given density of black in 1/256: dense noise makes every mode of T.6 occur. */
static fax_bitmap *noise_page(uint32_t width, uint32_t height, unsigned density)
{
    fax_bitmap *page = fax_bitmap_create(width, height);
    uint32_t x, y;

    for (y = 0; page && y < height; y++)
        for (x = 0; x < width; x++)
            if (random_below(256) < density)
                fax_bitmap_set_pixel(page, (int32_t)x, (int32_t)y, 1);
    return page;
}

/* Every run length from 0 to 2900 in white and 1 to 2901 in black, coded in horizontal mode (a
 * blank line above each), then runs longer than two 2560 make-up codes. */
static fax_bitmap *run_sweep_page(void)
{
    fax_bitmap *page = fax_bitmap_create(6000, 5804);
    int32_t k;

    for (k = 0; page && k <= 2900; k++)
        fax_bitmap_fill_rect(page, k, 2 * k, k + 1, 1, 1);
    fax_bitmap_fill_rect(page, 5500, 5802, 500, 1, 1);
    fax_bitmap_fill_rect(page, 0, 5803, 6000, 1, 1);
    return page;
}

/* Random black and white rectangles and random lines. */
static fax_bitmap *shapes_page(uint32_t width, uint32_t height)
{
    fax_bitmap *page = fax_bitmap_create(width, height);
    unsigned i;

    for (i = 0; page && i < 300; i++)
        fax_bitmap_fill_rect(page, (int32_t)random_below(width + 100) - 50, (int32_t)random_below(height + 100) - 50,
                             (int32_t)random_below(width / 3), (int32_t)random_below(height / 8), (int)(i & 1));
    return page;
}

/* Compares a page of an uncompressed TIFF (as tiffcp -c none writes) with a bitmap, bit for bit. */
static int page_equals_bitmap(const uint8_t *data, size_t size, const tiff_page_info *page, const fax_bitmap *bitmap)
{
    uint32_t row = 0, strip;
    uint8_t last_mask = (uint8_t)(0xff << ((8 - bitmap->width % 8) % 8));

    if (page->compression != TIFF_COMPRESSION_NONE || page->width != bitmap->width || page->height != bitmap->height)
        return 0;
    for (strip = 0; strip < page->strip_count; strip++)
    {
        uint32_t offset, length, rows, r;
        if (tiff_page_strip(data, size, page, strip, &offset, &length) != TIFF_OK)
            return 0;
        rows = page->height - row < page->rows_per_strip ? page->height - row : page->rows_per_strip;
        if ((uint64_t)rows * bitmap->stride > length)
            return 0;
        for (r = 0; r < rows; r++, row++)
        {
            const uint8_t *have = data + offset + (size_t)r * bitmap->stride;
            const uint8_t *want = bitmap->bits + (size_t)row * bitmap->stride;
            size_t i;
            for (i = 0; i < bitmap->stride; i++)
            {
                uint8_t byte = have[i];
                if (page->fill_order == 2)
                {
                    byte = (uint8_t)((byte & 0xf0) >> 4 | (byte & 0x0f) << 4);
                    byte = (uint8_t)((byte & 0xcc) >> 2 | (byte & 0x33) << 2);
                    byte = (uint8_t)((byte & 0xaa) >> 1 | (byte & 0x55) << 1);
                }
                if (page->photometric == TIFF_PHOTOMETRIC_BLACK_IS_ZERO)
                    byte = (uint8_t)~byte;
                if (i + 1 == bitmap->stride)
                    byte &= last_mask;
                if (byte != want[i])
                    return 0;
            }
        }
    }
    return row == page->height;
}

/* Tests without external tools. */

static void test_status_text(void)
{
    tiff_status status;
    for (status = TIFF_OK; status <= TIFF_ERR_INVALID_ARG; status++)
        ok(tiff_status_text(status) && strcmp(tiff_status_text(status), "unknown TIFF status"), "no text for %d\n", status);
    ok(!strcmp(tiff_status_text((tiff_status)99), "unknown TIFF status"), "got %s\n", tiff_status_text((tiff_status)99));
}

static void test_bitmap(void)
{
    fax_bitmap *bitmap, *reference;
    uint32_t i, x, y;
    int same = 1;

    ok(!fax_bitmap_create(0, 10), "width 0 accepted\n");
    ok(!fax_bitmap_create(10, 0), "height 0 accepted\n");
    ok(!fax_bitmap_create(TIFF_MAX_WIDTH + 1, 10), "too wide accepted\n");
    ok(!fax_bitmap_create(10, TIFF_MAX_HEIGHT + 1), "too high accepted\n");
    fax_bitmap_free(NULL);

    bitmap = fax_bitmap_create(13, 5);
    ok(bitmap && bitmap->stride == 2 && bitmap->width == 13 && bitmap->height == 5, "bad bitmap\n");
    fax_bitmap_set_pixel(bitmap, 0, 0, 1);
    fax_bitmap_set_pixel(bitmap, 12, 4, 1);
    fax_bitmap_set_pixel(bitmap, 13, 4, 1);   /* clipped: must not touch the padding bits */
    fax_bitmap_set_pixel(bitmap, -1, 0, 1);
    fax_bitmap_set_pixel(bitmap, 0, 5, 1);
    fax_bitmap_set_pixel(bitmap, INT32_MIN, INT32_MAX, 1);
    ok(bitmap->bits[0] == 0x80 && bitmap->bits[9] == 0x08, "got %02x %02x\n", bitmap->bits[0], bitmap->bits[9]);
    ok(fax_bitmap_get_pixel(bitmap, 12, 4) == 1 && fax_bitmap_get_pixel(bitmap, 11, 4) == 0
       && fax_bitmap_get_pixel(bitmap, 13, 4) == 0 && fax_bitmap_get_pixel(bitmap, -5, -5) == 0, "bad pixels\n");
    fax_bitmap_set_pixel(bitmap, 0, 0, 0);
    ok(bitmap->bits[0] == 0, "pixel not cleared\n");
    fax_bitmap_fill_rect(bitmap, -100, -100, 1000, 1000, 1);
    ok(bitmap->bits[0] == 0xff && bitmap->bits[1] == 0xf8 && bitmap->bits[9] == 0xf8, "padding touched: %02x\n",
       bitmap->bits[1]);
    fax_bitmap_fill_rect(bitmap, INT32_MAX - 1, INT32_MAX - 1, INT32_MAX, INT32_MAX, 0);
    fax_bitmap_fill_rect(bitmap, INT32_MIN, 0, INT32_MAX, 3, 0);
    fax_bitmap_fill_rect(bitmap, 0, 0, 3, -3, 0);
    ok(bitmap->bits[0] == 0xff, "clipped fill drew something\n");
    fax_bitmap_free(bitmap);

    /* fill_rect against pixel by pixel drawing, at random places */
    bitmap = fax_bitmap_create(77, 31);
    reference = fax_bitmap_create(77, 31);
    for (i = 0; bitmap && reference && i < 2000; i++)
    {
        int32_t rx = (int32_t)random_below(100) - 10, ry = (int32_t)random_below(40) - 5;
        int32_t rw = (int32_t)random_below(50) - 2, rh = (int32_t)random_below(20) - 2;
        int black = (int)random_below(2), xx, yy;
        fax_bitmap_fill_rect(bitmap, rx, ry, rw, rh, black);
        for (yy = ry; yy < ry + rh; yy++)
            for (xx = rx; xx < rx + rw; xx++)
                fax_bitmap_set_pixel(reference, xx, yy, black);
        if (memcmp(bitmap->bits, reference->bits, 31 * bitmap->stride))
            same = 0;
    }
    ok(same, "fill_rect differs from set_pixel\n");
    for (y = 0; bitmap && y < 31; y++)
        for (x = 0; x < 77; x++)
            if (fax_bitmap_get_pixel(bitmap, (int32_t)x, (int32_t)y) != fax_bitmap_get_pixel(reference, (int32_t)x, (int32_t)y))
                same = 0;
    ok(same, "get_pixel differs\n");
    fax_bitmap_free(bitmap);
    fax_bitmap_free(reference);
}

static void test_font(void)
{
    fax_bitmap *cell = fax_bitmap_create(FAX_FONT_CELL_WIDTH, FAX_FONT_CELL_HEIGHT);
    fax_bitmap *big, *question;
    uint32_t width, height;
    int c, x, y, inked, outside, blank_glyphs = 0, stray = 0;
    char text[2] = { 0, 0 };

    for (c = 33; cell && c <= 126; c++)
    {
        memset(cell->bits, 0, cell->stride * cell->height);
        text[0] = (char)c;
        fax_bitmap_draw_text(cell, 0, 0, text, 1);
        inked = outside = 0;
        for (y = 0; y < FAX_FONT_CELL_HEIGHT; y++)
            for (x = 0; x < FAX_FONT_CELL_WIDTH; x++)
                if (fax_bitmap_get_pixel(cell, x, y))
                {
                    inked++;
                    if (x >= 5 || y >= 9)
                        outside++;
                }
        if (!inked)
            blank_glyphs++;
        if (outside)
            stray++;
        ok(inked > 0 && !outside, "glyph '%c': %d pixels, %d outside its 5x9 box\n", c, inked, outside);
    }
    ok(!blank_glyphs && !stray, "%d blank glyphs, %d glyphs outside their box\n", blank_glyphs, stray);

    memset(cell->bits, 0, cell->stride * cell->height);
    ok(fax_bitmap_draw_text(cell, 0, 0, " ", 1) == FAX_FONT_CELL_WIDTH, "bad advance\n");
    ok(cell->bits[0] == 0, "space drew\n");

    /* unknown characters draw as '?' */
    question = fax_bitmap_create(FAX_FONT_CELL_WIDTH, FAX_FONT_CELL_HEIGHT);
    fax_bitmap_draw_text(question, 0, 0, "?", 1);
    fax_bitmap_draw_text(cell, 0, 0, "\x01", 1);
    ok(!memcmp(cell->bits, question->bits, cell->stride * cell->height), "control character not drawn as '?'\n");
    memset(cell->bits, 0, cell->stride * cell->height);
    fax_bitmap_draw_text(cell, 0, 0, "\xe9", 1);
    ok(!memcmp(cell->bits, question->bits, cell->stride * cell->height), "non-ASCII not drawn as '?'\n");
    fax_bitmap_free(question);
    fax_bitmap_free(cell);

    /* scale and lines */
    big = fax_bitmap_create(200, 200);
    ok(fax_bitmap_draw_text(big, 10, 10, "ab\ncde", 3) == 10 + 3 * 3 * FAX_FONT_CELL_WIDTH, "bad return\n");
    ok(fax_bitmap_get_pixel(big, 10 + 3 * 1, 10 + 3 * FAX_FONT_CELL_HEIGHT + 3 * 2), "second line 'c' missing\n");
    ok(fax_bitmap_get_pixel(big, 28, 10) && fax_bitmap_get_pixel(big, 30, 12) && !fax_bitmap_get_pixel(big, 31, 10)
       && !fax_bitmap_get_pixel(big, 10, 10), "'b' at scale 3 wrong\n");
    fax_text_extent("ab\ncde", 3, &width, &height);
    ok(width == 3 * 3 * FAX_FONT_CELL_WIDTH && height == 2 * 3 * FAX_FONT_CELL_HEIGHT, "extent %u x %u\n", width, height);
    fax_text_extent("", 1, &width, &height);
    ok(width == 0 && height == FAX_FONT_CELL_HEIGHT, "empty extent %u x %u\n", width, height);
    fax_text_extent("x", 1000, &width, NULL);
    ok(width == 64 * FAX_FONT_CELL_WIDTH, "scale not clamped: %u\n", width);
    /* far off the page and at the limits of int32_t: nothing drawn, nothing overflows */
    memset(big->bits, 0, big->stride * big->height);
    fax_bitmap_draw_text(big, INT32_MAX - 5, INT32_MAX - 5, "Hello\nWorld", 64);
    fax_bitmap_draw_text(big, INT32_MIN, INT32_MIN, "Hello\nWorld", 64);
    fax_bitmap_draw_text(big, -30, -30, "WWWWWWWWWWWWWWW", 10);
    fax_bitmap_draw_text(NULL, 0, 0, "x", 1);
    fax_bitmap_draw_text(big, 0, 0, NULL, 1);
    ok(fax_bitmap_draw_text(big, INT32_MAX - 5, 0, "abc", 64) == INT32_MAX, "no saturation\n");
    fax_bitmap_free(big);
}

static void test_g4_known_bytes(void)
{
    static const uint8_t white16[] = { 0xff, 0xff, 0x00, 0x10, 0x01 };
    static const uint8_t one_run[] = { 0x31, 0xc0, 0x04, 0x00, 0x40 };
    static const uint8_t vl3[] = { 0x05, 0x00, 0x10, 0x01 };
    fax_bitmap *bitmap = fax_bitmap_create(FAX_PAGE_WIDTH, 16);
    tiff_buffer out;

    /* an all-white line is V0 ("1") against the white line above; then EOFB */
    ok(fax_g4_encode(bitmap, &out) == TIFF_OK && out.size == sizeof(white16) && !memcmp(out.data, white16, out.size),
       "white page: %u bytes\n", (unsigned)out.size);
    tiff_buffer_free(&out);
    fax_bitmap_free(bitmap);

    /* 00011000: horizontal (001) white 3 (1000) black 2 (11), V0 (1), EOFB, zero fill */
    bitmap = fax_bitmap_create(8, 1);
    bitmap->bits[0] = 0x18;
    ok(fax_g4_encode(bitmap, &out) == TIFF_OK && out.size == sizeof(one_run) && !memcmp(out.data, one_run, out.size),
       "one run: %u bytes %02x %02x\n", (unsigned)out.size, out.size ? out.data[0] : 0, out.size > 1 ? out.data[1] : 0);
    tiff_buffer_free(&out);

    /* 111 (and padding bits past the width, which are no pixels): VL3 (0000010), V0, EOFB */
    bitmap->bits[0] = 0xff;
    bitmap->width = 3;
    ok(fax_g4_encode(bitmap, &out) == TIFF_OK && out.size == sizeof(vl3) && !memcmp(out.data, vl3, out.size),
       "padding encoded: %u bytes %02x\n", (unsigned)out.size, out.data ? out.data[0] : 0);
    tiff_buffer_free(&out);
    fax_bitmap_free(bitmap);

    ok(fax_g4_encode(NULL, &out) == TIFF_ERR_INVALID_ARG && !out.data, "NULL bitmap accepted\n");
    ok(fax_g4_encode(NULL, NULL) == TIFF_ERR_INVALID_ARG, "NULL output accepted\n");
}

/* A small TIFF written by hand, for inputs that no writer produces. Values of up to four words. */
struct craft_entry
{
    uint16_t tag, type;
    uint32_t count;
    uint32_t values[4];
};

struct craft
{
    struct craft_entry entries[32];
    unsigned count;
    int big_endian;
    uint8_t data[1024];
    size_t size;
};

static void craft_put(struct craft *craft, size_t pos, uint32_t value, unsigned bytes)
{
    unsigned i;
    for (i = 0; i < bytes; i++)
        craft->data[pos + i] = (uint8_t)(value >> (craft->big_endian ? 8 * (bytes - 1 - i) : 8 * i));
}

static void craft_set(struct craft *craft, uint16_t tag, uint16_t type, uint32_t count, uint32_t v0, uint32_t v1)
{
    unsigned i;
    struct craft_entry entry = { tag, type, count, { v0, v1, 0, 0 } };

    i = 0;
    while (i < craft->count && craft->entries[i].tag < tag)
        i++;
    if (i < craft->count && craft->entries[i].tag == tag)
    {
        craft->entries[i] = entry;
        return;
    }
    memmove(&craft->entries[i + 1], &craft->entries[i], (craft->count - i) * sizeof(entry));
    craft->entries[i] = entry;
    craft->count++;
}

static void craft_delete(struct craft *craft, uint16_t tag)
{
    unsigned i;
    for (i = 0; i < craft->count; i++)
        if (craft->entries[i].tag == tag)
        {
            memmove(&craft->entries[i], &craft->entries[i + 1], (craft->count - i - 1) * sizeof(craft->entries[0]));
            craft->count--;
            return;
        }
}

/* A valid one-page file: 16 x 4 pixels, Group 4, one strip of 4 bytes at offset 8. */
static void craft_init(struct craft *craft, int big_endian)
{
    memset(craft, 0, sizeof(*craft));
    craft->big_endian = big_endian;
    craft_set(craft, 256, 3, 1, 16, 0);
    craft_set(craft, 257, 3, 1, 4, 0);
    craft_set(craft, 258, 3, 1, 1, 0);
    craft_set(craft, 259, 3, 1, 4, 0);
    craft_set(craft, 262, 3, 1, 0, 0);
    craft_set(craft, 273, 4, 1, 8, 0);
    craft_set(craft, 278, 4, 1, 4, 0);
    craft_set(craft, 279, 4, 1, 4, 0);
    craft_set(craft, 282, 5, 1, 204, 1);
    craft_set(craft, 283, 5, 1, 196, 1);
    craft_set(craft, 296, 3, 1, 2, 0);
}

static void craft_build(struct craft *craft)
{
    size_t ifd = 12, values, pos;
    unsigned i, j;

    memcpy(craft->data, craft->big_endian ? "MM\0*" : "II*\0", 4);
    craft_put(craft, 4, (uint32_t)ifd, 4);
    memcpy(craft->data + 8, "\x26\xa0\x00\x00", 4);  /* the strip: not decoded by inspect */
    craft_put(craft, ifd, craft->count, 2);
    values = ifd + 2 + craft->count * 12 + 4;
    for (i = 0; i < craft->count; i++)
    {
        const struct craft_entry *entry = &craft->entries[i];
        unsigned size = entry->type == 3 ? 2 : entry->type == 5 ? 8 : entry->type == 2 || entry->type == 1 ? 1 : 4;
        unsigned words = entry->type == 5 ? entry->count * 2 : entry->count, word_size = entry->type == 3 ? 2 : 4;
        pos = ifd + 2 + i * 12;
        craft_put(craft, pos, entry->tag, 2);
        craft_put(craft, pos + 2, entry->type, 2);
        craft_put(craft, pos + 4, entry->count, 4);
        craft_put(craft, pos + 8, 0, 4);
        if (entry->count > 64)
            craft_put(craft, pos + 8, 0x7ffffff0, 4);  /* never read: only for tags inspect ignores */
        else if (entry->count * size > 4)
        {
            craft_put(craft, pos + 8, (uint32_t)values, 4);
            pos = values;
            values += words * word_size;
        }
        else
            pos += 8;
        for (j = 0; j < words && j < 4 && entry->count <= 64; j++)
            craft_put(craft, pos + j * word_size, entry->values[j], word_size);
    }
    craft_put(craft, ifd + 2 + craft->count * 12, 0, 4);
    craft->size = values;
}

static tiff_status craft_inspect(struct craft *craft, tiff_page_info *info)
{
    tiff_doc doc;
    tiff_status status;

    craft_build(craft);
    status = tiff_inspect(craft->data, craft->size, 10, &doc);
    if (status == TIFF_OK && info)
        *info = doc.pages[0];
    tiff_doc_free(&doc);
    return status;
}

static void test_crafted(void)
{
    struct craft craft;
    tiff_page_info info;
    tiff_status status;
    int big_endian;

    for (big_endian = 0; big_endian <= 1; big_endian++)
    {
        craft_init(&craft, big_endian);
        status = craft_inspect(&craft, &info);
        ok(status == TIFF_OK, "%d: valid crafted file: %d\n", big_endian, status);
        ok(status == TIFF_OK && info.width == 16 && info.height == 4 && info.compression == 4 && info.strip_count == 1
           && info.strip_bytes == 4 && info.x_dpi == 204 && info.y_dpi == 196 && info.fill_order == 1
           && info.rows_per_strip == 4 && info.has_resolution && info.ifd_offset == 12,
           "%d: bad facts %u x %u c%u\n", big_endian, info.width, info.height, info.compression);

        craft_set(&craft, 256, 4, 1, 16, 0);  /* LONG sizes work as well as SHORT ones */
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.width == 16, "%d: LONG width\n", big_endian);
        craft_set(&craft, 256, 2, 1, 16, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: ASCII width accepted\n", big_endian);
        craft_set(&craft, 256, 3, 1, 0, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: width 0 accepted\n", big_endian);
        craft_set(&craft, 256, 4, 1, TIFF_MAX_WIDTH + 1, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: huge width accepted\n", big_endian);
        craft_set(&craft, 256, 3, 0, 16, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: count 0 accepted\n", big_endian);
        craft_set(&craft, 256, 99, 1, 16, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: unknown type accepted\n", big_endian);
        craft_delete(&craft, 256);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: missing width accepted\n", big_endian);

        craft_init(&craft, big_endian);
        craft_set(&craft, 258, 3, 1, 8, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: 8 bits accepted\n", big_endian);
        craft_delete(&craft, 258);
        ok(craft_inspect(&craft, NULL) == TIFF_OK, "%d: missing BitsPerSample refused\n", big_endian);
        craft_set(&craft, 277, 3, 1, 3, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: RGB accepted\n", big_endian);
        craft_set(&craft, 277, 3, 1, 1, 0);
        craft_set(&craft, 259, 3, 1, 5, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: LZW accepted\n", big_endian);
        craft_set(&craft, 259, 3, 1, 2, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.compression == 2, "%d: CCITT RLE refused\n", big_endian);
        craft_set(&craft, 259, 3, 1, 32773, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.compression == 32773, "%d: PackBits refused\n", big_endian);
        craft_set(&craft, 259, 3, 1, 1, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: 4 raw bytes for 16x4 accepted\n", big_endian);
        craft_set(&craft, 279, 4, 1, 8, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_OK, "%d: 8 raw bytes for 16x4 refused\n", big_endian);
        craft_set(&craft, 279, 4, 1, 7, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: short raw strip accepted\n", big_endian);
        craft_delete(&craft, 259);
        ok(craft_inspect(&craft, &info) == TIFF_ERR_CORRUPT, "%d: default compression is not none\n", big_endian);

        craft_init(&craft, big_endian);
        craft_set(&craft, 262, 3, 1, 2, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: RGB photometric accepted\n", big_endian);
        craft_set(&craft, 262, 3, 1, 1, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.photometric == 1, "%d: BlackIsZero refused\n", big_endian);
        craft_delete(&craft, 262);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.photometric == 0, "%d: missing photometric refused\n", big_endian);
        craft_set(&craft, 266, 3, 1, 2, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.fill_order == 2, "%d: fill order 2 refused\n", big_endian);
        craft_set(&craft, 266, 3, 1, 3, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: fill order 3 accepted\n", big_endian);

        craft_init(&craft, big_endian);
        craft_set(&craft, 322, 3, 1, 16, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: tiles accepted\n", big_endian);
        craft_init(&craft, big_endian);
        craft_set(&craft, 293, 4, 1, 2, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: uncompressed mode accepted\n", big_endian);
        craft_set(&craft, 293, 4, 1, 0, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.has_t6_options && !info.has_t4_options, "%d: T6Options\n",
           big_endian);
        craft_set(&craft, 259, 3, 1, 3, 0);
        craft_set(&craft, 292, 4, 1, 5, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.has_t4_options && info.t4_options == 5, "%d: T4Options\n",
           big_endian);
        craft_set(&craft, 292, 4, 1, 7, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_UNSUPPORTED, "%d: G3 uncompressed mode accepted\n", big_endian);

        /* strips */
        craft_init(&craft, big_endian);
        craft_set(&craft, 278, 3, 1, 2, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: 1 strip for 2 accepted\n", big_endian);
        craft_set(&craft, 273, 3, 2, 8, 10);
        craft_set(&craft, 279, 3, 2, 2, 2);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.strip_count == 2 && info.rows_per_strip == 2
           && info.strip_bytes == 4, "%d: 2 SHORT strips refused\n", big_endian);
        craft_set(&craft, 279, 3, 2, 2, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: empty strip accepted\n", big_endian);
        craft_set(&craft, 279, 3, 2, 2, 2000);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_TRUNCATED, "%d: strip past the end accepted\n", big_endian);
        craft_set(&craft, 278, 3, 1, 0, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: RowsPerStrip 0 accepted\n", big_endian);
        craft_init(&craft, big_endian);
        craft_delete(&craft, 278);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.rows_per_strip == 4, "%d: no RowsPerStrip\n", big_endian);
        craft_delete(&craft, 279);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: no StripByteCounts accepted\n", big_endian);
        craft_init(&craft, big_endian);
        craft_set(&craft, 273, 4, 1, 0xfffffffe, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_TRUNCATED, "%d: offset wrapping round accepted\n", big_endian);
        craft_set(&craft, 273, 4, 3, 8, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: 3 offsets for 1 strip accepted\n", big_endian);

        /* resolution */
        craft_init(&craft, big_endian);
        craft_set(&craft, 296, 3, 1, 3, 0);
        craft_set(&craft, 282, 5, 1, 80, 1);
        craft_set(&craft, 283, 5, 1, 385, 10);
        ok(craft_inspect(&craft, &info) == TIFF_OK && info.x_dpi == 203 && info.y_dpi == 98 && info.resolution_unit == 3,
           "%d: centimetres: %u x %u\n", big_endian, info.x_dpi, info.y_dpi);
        craft_set(&craft, 283, 5, 1, 196, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && !info.has_resolution && !info.x_dpi, "%d: zero denominator\n",
           big_endian);
        craft_set(&craft, 283, 3, 1, 196, 0);
        ok(craft_inspect(&craft, &info) == TIFF_OK && !info.has_resolution, "%d: SHORT resolution\n", big_endian);
        craft_set(&craft, 296, 3, 1, 7, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_ERR_CORRUPT, "%d: unit 7 accepted\n", big_endian);
        craft_init(&craft, big_endian);
        craft_delete(&craft, 282);
        ok(craft_inspect(&craft, &info) == TIFF_OK && !info.has_resolution && !info.y_dpi, "%d: half a resolution\n",
           big_endian);

        /* duplicate tags: the first wins; unknown tags with unknown types are ignored */
        craft_init(&craft, big_endian);
        craft_set(&craft, 40000, 77, 5, 0, 0);
        craft_set(&craft, 65535, 4, 0xffffffff, 0, 0);
        ok(craft_inspect(&craft, NULL) == TIFF_OK, "%d: unknown tags refused\n", big_endian);
    }

    /* headers */
    {
        static const struct { const char *data; size_t size; tiff_status status; } headers[] =
        {
            { "", 0, TIFF_ERR_NOT_TIFF },
            { "I", 1, TIFF_ERR_TRUNCATED },
            { "II*", 3, TIFF_ERR_TRUNCATED },
            { "II*\0", 4, TIFF_ERR_TRUNCATED },
            { "MM\0*", 4, TIFF_ERR_TRUNCATED },
            { "II*\0\x08\0\0", 7, TIFF_ERR_TRUNCATED },
            { "II*\0\0\0\0\0", 8, TIFF_ERR_CORRUPT },
            { "II*\0\x04\0\0\0", 8, TIFF_ERR_CORRUPT },
            { "II*\0\x08\0\0\0", 8, TIFF_ERR_TRUNCATED },
            { "II*\0\x08\0\0\0\0", 9, TIFF_ERR_TRUNCATED },
            { "II*\0\x08\0\0\0\0\0", 10, TIFF_ERR_CORRUPT },
            { "II*\0\xff\xff\xff\xff", 8, TIFF_ERR_TRUNCATED },
            { "MM\0*\0\0\0\x09\xff", 9, TIFF_ERR_TRUNCATED },
            { "II*\0\x08\0\0\0\xff\xff", 10, TIFF_ERR_CORRUPT },
            { "II*\0\x08\0\0\0\x10\0", 10, TIFF_ERR_TRUNCATED },
            { "II+\0\x08\0\0\0", 8, TIFF_ERR_UNSUPPORTED },
            { "MM\0+\0\x08\0\0", 8, TIFF_ERR_UNSUPPORTED },
            { "GIF89a\0\0\0\0", 10, TIFF_ERR_NOT_TIFF },
            { "%PDF-1.4", 8, TIFF_ERR_NOT_TIFF },
            { "IM*\0\x08\0\0\0", 8, TIFF_ERR_NOT_TIFF },
            { "II\0*\x08\0\0\0", 8, TIFF_ERR_NOT_TIFF },
        };
        unsigned i;
        tiff_doc doc;

        for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
        {
            status = tiff_inspect(headers[i].data, headers[i].size, 10, &doc);
            ok(status == headers[i].status && !doc.page_count && !doc.pages, "header %u: got %d, expected %d\n", i,
               status, headers[i].status);
        }
        ok(tiff_inspect(NULL, 0, 10, &doc) == TIFF_ERR_NOT_TIFF, "NULL data\n");
        ok(tiff_inspect(NULL, 5, 10, &doc) == TIFF_ERR_INVALID_ARG, "NULL data with a size\n");
        ok(tiff_inspect("II*\0", 4, 10, NULL) == TIFF_ERR_INVALID_ARG, "NULL doc\n");
    }
}

/* A chain of n minimal IFDs; the last points to IFD `loop_to` (or ends when loop_to < 0). */
static uint8_t *ifd_chain(uint32_t n, long loop_to, size_t *size)
{
    static const uint16_t tags[6] = { 256, 257, 259, 273, 278, 279 };
    const uint32_t values[6] = { 8, 1, 4, 8, 1, 1 };
    size_t ifd_size = 2 + 6 * 12 + 4, pos;
    uint8_t *data;
    uint32_t i, t;

    *size = 10 + (size_t)n * ifd_size;
    if (!(data = calloc(1, *size)))
        return NULL;
    memcpy(data, "II*\0\x0a\0\0\0\x55\x55", 10);
    for (i = 0, pos = 10; i < n; i++, pos += ifd_size)
    {
        uint32_t next = i + 1 < n ? (uint32_t)(pos + ifd_size) : loop_to >= 0 ? (uint32_t)(10 + loop_to * ifd_size) : 0;
        data[pos] = 6;
        for (t = 0; t < 6; t++)
        {
            uint8_t *entry = data + pos + 2 + t * 12;
            entry[0] = (uint8_t)tags[t];
            entry[1] = (uint8_t)(tags[t] >> 8);
            entry[2] = 4;   /* LONG */
            entry[4] = 1;
            entry[8] = (uint8_t)values[t];
        }
        for (t = 0; t < 4; t++)
            data[pos + 2 + 6 * 12 + t] = (uint8_t)(next >> (8 * t));
    }
    return data;
}

static void test_chains(void)
{
    uint8_t *data;
    size_t size;
    tiff_doc doc;
    tiff_status status;
    clock_t start;
    double seconds;

    data = ifd_chain(3, -1, &size);
    ok(tiff_inspect(data, size, 3, &doc) == TIFF_OK && doc.page_count == 3, "3 pages\n");
    tiff_doc_free(&doc);
    ok(tiff_inspect(data, size, 2, &doc) == TIFF_ERR_TOO_MANY_PAGES && doc.error_page == 2 && !doc.pages, "max 2\n");
    ok(tiff_inspect(data, size, 0, &doc) == TIFF_ERR_TOO_MANY_PAGES, "max 0\n");
    free(data);

    data = ifd_chain(1, 0, &size);
    ok(tiff_inspect(data, size, 100, &doc) == TIFF_ERR_CORRUPT && doc.error_page == 1, "IFD pointing to itself\n");
    free(data);
    data = ifd_chain(5, 2, &size);
    ok(tiff_inspect(data, size, 100, &doc) == TIFF_ERR_CORRUPT && doc.error_page == 5, "loop to an earlier IFD\n");
    ok(tiff_inspect(data, size, 5, &doc) == TIFF_ERR_TOO_MANY_PAGES, "loop beyond the maximum\n");
    free(data);

    /* long chains and loops stay fast */
    start = clock();
    data = ifd_chain(50000, -1, &size);
    status = tiff_inspect(data, size, 100000, &doc);
    ok(status == TIFF_OK && doc.page_count == 50000, "50000 pages: %d %u\n", status, doc.page_count);
    tiff_doc_free(&doc);
    ok(tiff_inspect(data, size, 1000, &doc) == TIFF_ERR_TOO_MANY_PAGES && doc.error_page == 1000, "max 1000\n");
    free(data);
    data = ifd_chain(50000, 25000, &size);
    ok(tiff_inspect(data, size, 100000, &doc) == TIFF_ERR_CORRUPT && doc.error_page == 50000, "long loop\n");
    free(data);
    seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    ok(seconds < 5, "long chains took %.2f s\n", seconds);

    /* absurd entry counts */
    data = ifd_chain(2, -1, &size);
    data[10] = 0xff;
    data[11] = 0xff;
    ok(tiff_inspect(data, size, 10, &doc) == TIFF_ERR_CORRUPT, "65535 entries\n");
    data[10] = 0x00;
    data[11] = 0x04;
    ok(tiff_inspect(data, size, 10, &doc) == TIFF_ERR_TRUNCATED, "1024 entries past the end\n");
    data[10] = 0;
    data[11] = 0;
    ok(tiff_inspect(data, size, 10, &doc) == TIFF_ERR_CORRUPT, "no entries\n");
    data[10] = 6;
    memset(data + size - 4, 0xff, 4);
    ok(tiff_inspect(data, size, 10, &doc) == TIFF_ERR_TRUNCATED && doc.error_page == 2, "next IFD past the end\n");
    memset(data + size - 4, 0, 4);
    data[size - 4] = 0x0b;  /* the next IFD overlapping the first, off by one byte */
    status = tiff_inspect(data, size, 10, &doc);
    ok(status == TIFF_ERR_CORRUPT || status == TIFF_ERR_TRUNCATED, "overlapping IFD: %d\n", status);
    free(data);
}

static void test_write_api(void)
{
    fax_bitmap *pages[2] = { fax_bitmap_create(100, 10), NULL };
    const fax_bitmap *const *list = (const fax_bitmap *const *)pages;
    fax_write_options options = { 300, 300 };
    tiff_buffer out = { (uint8_t *)1, 1 };
    tiff_doc doc;

    ok(fax_write_tiff(list, 0, NULL, &out) == TIFF_ERR_INVALID_ARG && !out.data && !out.size, "0 pages\n");
    ok(fax_write_tiff(NULL, 1, NULL, &out) == TIFF_ERR_INVALID_ARG, "NULL pages\n");
    ok(fax_write_tiff(list, 2, NULL, &out) == TIFF_ERR_INVALID_ARG, "NULL page\n");
    ok(fax_write_tiff(list, 1, NULL, NULL) == TIFF_ERR_INVALID_ARG, "NULL out\n");
    ok(fax_write_tiff(list, TIFF_MAX_OUTPUT_PAGES + 1, NULL, &out) == TIFF_ERR_TOO_MANY_PAGES, "65536 pages\n");
    ok(fax_write_tiff(list, 1, &options, &out) == TIFF_OK, "write failed\n");
    ok(tiff_inspect(out.data, out.size, 1, &doc) == TIFF_OK && doc.pages[0].x_dpi == 300 && doc.pages[0].y_dpi == 300
       && doc.pages[0].width == 100 && doc.pages[0].height == 10 && doc.pages[0].compression == 4
       && doc.pages[0].has_t6_options && doc.pages[0].t6_options == 0 && !doc.big_endian, "bad 300 dpi page\n");
    tiff_doc_free(&doc);
    tiff_doc_free(NULL);
    tiff_buffer_free(&out);
    tiff_buffer_free(&out);
    tiff_buffer_free(NULL);
    fax_bitmap_free(pages[0]);
}

/* Joined and extracted pages keep every fact and their strip bytes. */
static int same_page(const uint8_t *a, size_t a_size, const tiff_page_info *pa, const uint8_t *b, size_t b_size,
                     const tiff_page_info *pb)
{
    uint32_t i;

    if (pa->width != pb->width || pa->height != pb->height || pa->compression != pb->compression
        || pa->photometric != pb->photometric || pa->fill_order != pb->fill_order || pa->x_dpi != pb->x_dpi
        || pa->y_dpi != pb->y_dpi || pa->has_resolution != pb->has_resolution || pa->strip_count != pb->strip_count
        || pa->rows_per_strip != pb->rows_per_strip || pa->strip_bytes != pb->strip_bytes
        || pa->has_t4_options != pb->has_t4_options || pa->t4_options != pb->t4_options
        || pa->has_t6_options != pb->has_t6_options || pa->t6_options != pb->t6_options)
        return 0;
    for (i = 0; i < pa->strip_count; i++)
    {
        uint32_t offset_a, length_a, offset_b, length_b;
        if (tiff_page_strip(a, a_size, pa, i, &offset_a, &length_a) != TIFF_OK
            || tiff_page_strip(b, b_size, pb, i, &offset_b, &length_b) != TIFF_OK
            || length_a != length_b || memcmp(a + offset_a, b + offset_b, length_a))
            return 0;
    }
    return 1;
}

static void test_join_memory(void)
{
    fax_bitmap *pages[5];
    tiff_buffer five, one, joined, part;
    tiff_input inputs[3];
    tiff_doc doc_five, doc_one, doc_joined, doc_part;
    uint32_t i;
    int same = 1;

    for (i = 0; i < 5; i++)
        pages[i] = i == 2 ? noise_page(300, 120, 100) : text_page(FAX_PAGE_WIDTH - i * 100, 400 + i * 10, i + 1, 5);
    ok(fax_write_tiff((const fax_bitmap *const *)pages, 5, NULL, &five) == TIFF_OK, "write five failed\n");
    ok(fax_write_tiff((const fax_bitmap *const *)pages + 2, 1, NULL, &one) == TIFF_OK, "write one failed\n");
    ok(tiff_inspect(five.data, five.size, 5, &doc_five) == TIFF_OK && doc_five.page_count == 5, "inspect five\n");
    ok(tiff_inspect(one.data, one.size, 5, &doc_one) == TIFF_OK && doc_one.page_count == 1, "inspect one\n");

    inputs[0].data = five.data;
    inputs[0].size = five.size;
    inputs[1].data = one.data;
    inputs[1].size = one.size;
    inputs[2] = inputs[0];
    ok(tiff_join(inputs, 3, 100, &joined) == TIFF_OK, "join failed\n");
    ok(tiff_inspect(joined.data, joined.size, 100, &doc_joined) == TIFF_OK && doc_joined.page_count == 11,
       "joined: %u pages\n", doc_joined.page_count);
    for (i = 0; i < doc_joined.page_count; i++)
    {
        const uint8_t *source = i == 5 ? one.data : five.data;
        size_t source_size = i == 5 ? one.size : five.size;
        const tiff_page_info *source_page = i == 5 ? &doc_one.pages[0] : &doc_five.pages[i < 5 ? i : i - 6];
        if (!same_page(joined.data, joined.size, &doc_joined.pages[i], source, source_size, source_page))
            same = 0;
    }
    ok(same, "joined pages differ from their sources\n");
    tiff_doc_free(&doc_joined);
    tiff_buffer_free(&joined);

    ok(tiff_join(inputs, 3, 10, &joined) == TIFF_ERR_TOO_MANY_PAGES && !joined.data, "11 pages joined under 10\n");
    ok(tiff_join(inputs, 3, 11, &joined) == TIFF_OK, "11 pages under 11\n");
    tiff_buffer_free(&joined);
    ok(tiff_join(inputs, 0, 10, &joined) == TIFF_ERR_INVALID_ARG, "no inputs\n");
    ok(tiff_join(NULL, 1, 10, &joined) == TIFF_ERR_INVALID_ARG, "NULL inputs\n");
    ok(tiff_join(inputs, 1, 10, NULL) == TIFF_ERR_INVALID_ARG, "NULL out\n");
    inputs[1].size = one.size - 1;
    ok(tiff_join(inputs, 3, 100, &joined) == TIFF_ERR_TRUNCATED && !joined.data, "truncated input joined\n");
    inputs[1].data = "GIF89a";
    inputs[1].size = 6;
    ok(tiff_join(inputs, 3, 100, &joined) == TIFF_ERR_NOT_TIFF, "GIF joined\n");

    /* extraction */
    ok(tiff_extract_pages(five.data, five.size, 2, 1, 10, &part) == TIFF_OK, "extract page 2\n");
    ok(tiff_inspect(part.data, part.size, 10, &doc_part) == TIFF_OK && doc_part.page_count == 1
       && same_page(part.data, part.size, &doc_part.pages[0], five.data, five.size, &doc_five.pages[2]),
       "extracted page differs\n");
    ok(same_page(part.data, part.size, &doc_part.pages[0], one.data, one.size, &doc_one.pages[0]), "not page 3\n");
    tiff_doc_free(&doc_part);
    tiff_buffer_free(&part);
    ok(tiff_extract_pages(five.data, five.size, 1, 4, 10, &part) == TIFF_OK, "extract pages 1-4\n");
    ok(tiff_inspect(part.data, part.size, 10, &doc_part) == TIFF_OK && doc_part.page_count == 4
       && same_page(part.data, part.size, &doc_part.pages[3], five.data, five.size, &doc_five.pages[4]),
       "extracted pages differ\n");
    tiff_doc_free(&doc_part);
    tiff_buffer_free(&part);
    ok(tiff_extract_pages(five.data, five.size, 1, 5, 10, &part) == TIFF_ERR_INVALID_ARG && !part.data, "past the end\n");
    ok(tiff_extract_pages(five.data, five.size, 0xffffffff, 2, 10, &part) == TIFF_ERR_INVALID_ARG, "wrapping range\n");
    ok(tiff_extract_pages(five.data, five.size, 0, 0, 10, &part) == TIFF_ERR_INVALID_ARG, "0 pages\n");
    ok(tiff_extract_pages(five.data, five.size, 0, 1, 4, &part) == TIFF_ERR_TOO_MANY_PAGES, "max 4 of 5\n");
    ok(tiff_extract_pages(five.data, five.size, 0, 1, 4, NULL) == TIFF_ERR_INVALID_ARG, "NULL out\n");

    tiff_doc_free(&doc_five);
    tiff_doc_free(&doc_one);
    tiff_buffer_free(&five);
    tiff_buffer_free(&one);
    for (i = 0; i < 5; i++)
        fax_bitmap_free(pages[i]);
}

/* Every prefix of a valid file fails cleanly. */
static void check_truncations(const char *name, const uint8_t *data, size_t size)
{
    size_t length;
    unsigned bad = 0;

    for (length = 1; length < size; length++)
    {
        tiff_doc doc;
        uint8_t *copy = malloc(length);  /* exactly length bytes, so that ASan sees any overread */
        tiff_status status;

        memcpy(copy, data, length);
        status = tiff_inspect(copy, length, 100, &doc);
        if (status != TIFF_ERR_TRUNCATED && status != TIFF_ERR_CORRUPT)
        {
            if (!bad++)
                ok(0, "%s cut to %u bytes: status %d\n", name, (unsigned)length, status);
        }
        tiff_doc_free(&doc);
        free(copy);
    }
    ok(!bad, "%s: %u of %u truncations did not fail cleanly\n", name, bad, (unsigned)size - 1);
}

/* Random mutations: whatever inspect accepts must also join, extract and re-inspect identically. */
static void check_mutations(const char *name, const uint8_t *data, size_t size, unsigned rounds)
{
    unsigned round, accepted = 0, inconsistent = 0, bad_status = 0;

    for (round = 0; round < rounds; round++)
    {
        unsigned flips = 1 + random_below(4), i;
        size_t length = random_below(8) ? size : random_below((uint32_t)size);
        uint8_t *copy = malloc(size);  /* exactly length bytes are passed: ASan sees any overread */
        tiff_doc doc;
        tiff_status status;

        if (!copy)
            break;
        memcpy(copy, data, size);
        for (i = 0; i < flips; i++)
        {
            size_t pos = random_below((uint32_t)size);
            if (random_below(4))
                copy[pos] ^= (uint8_t)(1 << random_below(8));
            else
                copy[pos] = (uint8_t)random32();
        }
        if (length < size)
        {
            uint8_t *shorter = malloc(length ? length : 1);
            memcpy(shorter, copy, length);
            free(copy);
            copy = shorter;
        }
        status = tiff_inspect(copy, length, 16, &doc);
        if (status >= TIFF_ERR_NO_MEMORY)
            bad_status++;
        if (status == TIFF_OK)
        {
            tiff_input inputs[2] = { { copy, length }, { copy, length } };
            tiff_buffer joined, part;
            tiff_doc doc_joined, doc_part;

            accepted++;
            if (tiff_join(inputs, 2, 32, &joined) != TIFF_OK
                || tiff_inspect(joined.data, joined.size, 32, &doc_joined) != TIFF_OK
                || doc_joined.page_count != 2 * doc.page_count
                || !same_page(joined.data, joined.size, &doc_joined.pages[doc.page_count], copy, length, &doc.pages[0]))
                inconsistent++;
            tiff_doc_free(&doc_joined);
            tiff_buffer_free(&joined);
            if (tiff_extract_pages(copy, length, doc.page_count - 1, 1, 16, &part) != TIFF_OK
                || tiff_inspect(part.data, part.size, 16, &doc_part) != TIFF_OK
                || !same_page(part.data, part.size, &doc_part.pages[0], copy, length, &doc.pages[doc.page_count - 1]))
                inconsistent++;
            tiff_doc_free(&doc_part);
            tiff_buffer_free(&part);
        }
        tiff_doc_free(&doc);
        free(copy);
    }
    ok(!inconsistent, "%s: %u accepted mutations did not join or extract consistently\n", name, inconsistent);
    ok(!bad_status, "%s: %u unexpected statuses\n", name, bad_status);
    printf("tiff_test.c: %s: %u mutations, %u still valid\n", name, rounds, accepted);
}

static void test_hostile(void)
{
    fax_bitmap *pages[3];
    tiff_buffer file;
    uint8_t *garbage;
    unsigned i;

    pages[0] = text_page(200, 60, 1, 3);
    pages[1] = noise_page(64, 16, 128);
    pages[2] = text_page(100, 30, 3, 3);
    ok(fax_write_tiff((const fax_bitmap *const *)pages, 3, NULL, &file) == TIFF_OK, "write failed\n");
    check_truncations("small 3-page file", file.data, file.size);
    check_mutations("small 3-page file", file.data, file.size, 6000);
    tiff_buffer_free(&file);
    for (i = 0; i < 3; i++)
        fax_bitmap_free(pages[i]);

    /* random bytes behind a valid header */
    garbage = malloc(512);
    for (i = 0; garbage && i < 2000; i++)
    {
        size_t length = 8 + random_below(504), j;
        tiff_doc doc;
        for (j = 0; j < length; j++)
            garbage[j] = (uint8_t)(random_below(3) ? random_below(16) : random32());
        memcpy(garbage, i & 1 ? "MM\0*" : "II*\0", 4);
        garbage[4] = garbage[5] = garbage[6] = 0;
        tiff_inspect(garbage, length, 16, &doc);
        tiff_doc_free(&doc);
    }
    free(garbage);
    ok(1, "random data survived\n");
}

/* Tests with libtiff's tools. */

struct tiffinfo_report
{
    int exit_code;
    unsigned directories, group4, group3, uncompressed;
    char *out, *err;
};

static void run_tiffinfo(const char *path, struct tiffinfo_report *report)
{
    report->exit_code = run(&report->out, &report->err, "tiffinfo -D '%s'", path);
    report->directories = count_substrings(report->out, "TIFF Directory at offset");
    report->group4 = count_substrings(report->out, "Compression Scheme: CCITT Group 4");
    report->group3 = count_substrings(report->out, "Compression Scheme: CCITT Group 3");
    report->uncompressed = count_substrings(report->out, "Compression Scheme: None");
}

static void free_report(struct tiffinfo_report *report)
{
    free(report->out);
    free(report->err);
}

/* The sizes tiffinfo prints, in order, must be those of the bitmaps. */
static int sizes_match(const char *out, fax_bitmap *const *pages, unsigned count)
{
    unsigned i;
    for (i = 0; i < count; i++)
    {
        unsigned width, height;
        if (!out || !(out = strstr(out, "Image Width: ")) || sscanf(out, "Image Width: %u Image Length: %u", &width, &height) != 2
            || width != pages[i]->width || height != pages[i]->height)
            return 0;
        out++;
    }
    return 1;
}

/* Decodes every page of a file with tiffcp -c none and compares it with the bitmaps. */
static void check_pixels(const char *name, const char *path, fax_bitmap *const *pages, unsigned count)
{
    const char *raw = temp_path("raw.tif");
    uint8_t *data;
    size_t size;
    tiff_doc doc;
    unsigned i;
    int code = run(NULL, NULL, "tiffcp -c none '%s' '%s'", path, raw);

    data = read_file(raw, &size);
    ok(code == 0 && data, "%s: tiffcp -c none failed\n", name);
    ok(tiff_inspect(data, size, 100, &doc) == TIFF_OK && doc.page_count == count, "%s: decoded copy not readable\n", name);
    for (i = 0; i < doc.page_count && i < count; i++)
        ok(page_equals_bitmap(data, size, &doc.pages[i], pages[i]), "%s: page %u differs from its bitmap\n", name, i);
    tiff_doc_free(&doc);
    free(data);
}

/* libtiff's own Group 4 encoder must produce the very same strips: T.6 leaves the encoder no choice. */
static void check_reencoding(const char *name, const char *path, const uint8_t *ours, size_t ours_size)
{
    const char *again = temp_path("again.tif");
    uint8_t *data;
    size_t size;
    tiff_doc doc_ours, doc_again;
    unsigned i;
    int code = run(NULL, NULL, "tiffcp -c g4 '%s' '%s'", path, again);

    data = read_file(again, &size);
    ok(code == 0 && tiff_inspect(data, size, 100, &doc_again) == TIFF_OK, "%s: tiffcp -c g4 failed\n", name);
    ok(tiff_inspect(ours, ours_size, 100, &doc_ours) == TIFF_OK, "%s: inspect failed\n", name);
    for (i = 0; i < doc_ours.page_count && i < doc_again.page_count; i++)
    {
        uint32_t offset_a, length_a, offset_b, length_b;
        int same = tiff_page_strip(ours, ours_size, &doc_ours.pages[i], 0, &offset_a, &length_a) == TIFF_OK
                   && tiff_page_strip(data, size, &doc_again.pages[i], 0, &offset_b, &length_b) == TIFF_OK
                   && doc_again.pages[i].strip_count == 1 && length_a == length_b
                   && !memcmp(ours + offset_a, data + offset_b, length_a);
        ok(same, "%s: page %u: libtiff's G4 differs from ours (%u vs %u bytes)\n", name, i,
           doc_ours.pages[i].strip_count ? (unsigned)doc_ours.pages[i].strip_bytes : 0,
           doc_again.pages[i].strip_count ? (unsigned)doc_again.pages[i].strip_bytes : 0);
    }
    tiff_doc_free(&doc_ours);
    tiff_doc_free(&doc_again);
    free(data);
}

static void check_written_file(const char *name, fax_bitmap *const *pages, unsigned count)
{
    struct tiffinfo_report report;
    tiff_buffer file;
    const char *path = temp_path(name);

    ok(fax_write_tiff((const fax_bitmap *const *)pages, count, NULL, &file) == TIFF_OK, "%s: write failed\n", name);
    ok(write_file(path, file.data, file.size), "%s: cannot write %s\n", name, path);
    run_tiffinfo(path, &report);
    ok(report.exit_code == 0, "%s: tiffinfo exit code %d\n", name, report.exit_code);
    ok(report.err && !report.err[0], "%s: tiffinfo -D complained: %s\n", name, report.err ? report.err : "(nothing)");
    ok(report.directories == count && report.group4 == count, "%s: tiffinfo saw %u pages, %u in G4; expected %u\n",
       name, report.directories, report.group4, count);
    ok(sizes_match(report.out, pages, count), "%s: tiffinfo's sizes differ\n", name);
    ok(count_substrings(report.out, "Resolution: 204, 196 pixels/inch") == count, "%s: resolution\n", name);
    ok(count_substrings(report.out, "Photometric Interpretation: min-is-white") == count, "%s: photometric\n", name);
    ok(count_substrings(report.out, "FillOrder: msb-to-lsb") == count, "%s: fill order\n", name);
    ok(count_substrings(report.out, "Subfile Type: multi-page document") == count, "%s: subfile type\n", name);
    {
        char expected[64];
        snprintf(expected, sizeof(expected), "Page Number: %u-%u", count - 1, count);
        ok(strstr(report.out ? report.out : "", expected) && strstr(report.out ? report.out : "", "Page Number: 0-"),
           "%s: no \"%s\"\n", name, expected);
    }
    free_report(&report);
    check_pixels(name, path, pages, count);
    check_reencoding(name, path, file.data, file.size);
    tiff_buffer_free(&file);
}

static void test_writer_with_libtiff(void)
{
    fax_bitmap *pages[5];
    unsigned i;

    pages[0] = text_page(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_A4, 1, 1);
    check_written_file("one.tif", pages, 1);
    fax_bitmap_free(pages[0]);

    pages[0] = text_page(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_A4, 1, 2);
    pages[1] = noise_page(FAX_PAGE_WIDTH, 600, 128);
    check_written_file("two.tif", pages, 2);
    fax_bitmap_free(pages[0]);
    fax_bitmap_free(pages[1]);

    pages[0] = text_page(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_LETTER, 1, 5);
    pages[1] = noise_page(FAX_PAGE_WIDTH, 400, 20);
    pages[2] = run_sweep_page();
    pages[3] = shapes_page(2432, 1500);
    pages[4] = noise_page(1001, 3, 200);   /* odd width, 3 lines, mostly black */
    check_written_file("five.tif", pages, 5);
    for (i = 0; i < 5; i++)
        fax_bitmap_free(pages[i]);

    /* tiny and extreme pages */
    pages[0] = fax_bitmap_create(1, 1);
    pages[1] = fax_bitmap_create(1, 1);
    fax_bitmap_set_pixel(pages[1], 0, 0, 1);
    pages[2] = fax_bitmap_create(FAX_PAGE_WIDTH, 2);
    fax_bitmap_fill_rect(pages[2], 0, 0, FAX_PAGE_WIDTH, 2, 1);
    pages[3] = noise_page(17, 200, 128);
    pages[4] = noise_page(8, 8, 128);
    check_written_file("tiny.tif", pages, 5);
    for (i = 0; i < 5; i++)
        fax_bitmap_free(pages[i]);
}

/* Files made by libtiff from ours: inspect must read the same pages in any form. */
struct converted
{
    const char *options;
    uint16_t compression;
    int big_endian;
    uint16_t fill_order;
};

static void test_inspect_libtiff_files(void)
{
    static const struct converted conversions[] =
    {
        { "-c g4", 4, 0, 1 },
        { "-c g3", 3, 0, 1 },
        { "-c g3:2d", 3, 0, 1 },
        { "-c g3:2d:fill", 3, 0, 1 },
        { "-c none", 1, 0, 1 },
        { "-c none -r 16", 1, 0, 1 },
        { "-c packbits", 32773, 0, 1 },
        { "-B -c none", 1, 1, 1 },
        { "-B -c g4", 4, 1, 1 },
        { "-B -c g3:2d -r 64", 3, 1, 1 },
        { "-f lsb2msb -c g3", 3, 0, 2 },
        { "-B -f lsb2msb -c packbits -r 7", 32773, 1, 2 },
    };
    fax_bitmap *pages[2];
    tiff_buffer file;
    const char *source = temp_path("source.tif"), *converted = temp_path("converted.tif");
    unsigned i, p;

    pages[0] = text_page(FAX_PAGE_WIDTH, 1100, 1, 2);
    pages[1] = shapes_page(FAX_PAGE_WIDTH, 900);
    ok(fax_write_tiff((const fax_bitmap *const *)pages, 2, NULL, &file) == TIFF_OK
       && write_file(source, file.data, file.size), "cannot write the source\n");
    tiff_buffer_free(&file);

    for (i = 0; i < sizeof(conversions) / sizeof(conversions[0]); i++)
    {
        const struct converted *c = &conversions[i];
        struct tiffinfo_report report;
        uint8_t *data;
        size_t size;
        tiff_doc doc;
        tiff_status status;
        int code = run(NULL, NULL, "tiffcp %s '%s' '%s'", c->options, source, converted);

        data = read_file(converted, &size);
        ok(code == 0 && data, "tiffcp %s failed\n", c->options);
        status = tiff_inspect(data, size, 10, &doc);
        ok(status == TIFF_OK && doc.page_count == 2 && doc.big_endian == c->big_endian, "tiffcp %s: status %d, %u pages\n",
           c->options, status, doc.page_count);
        for (p = 0; p < doc.page_count && p < 2; p++)
        {
            const tiff_page_info *info = &doc.pages[p];
            uint32_t expected_strips = (info->height + info->rows_per_strip - 1) / info->rows_per_strip;
            ok(info->width == pages[p]->width && info->height == pages[p]->height && info->compression == c->compression
               && info->fill_order == c->fill_order && info->photometric == 0 && info->bits_per_sample == 1
               && info->x_dpi == 204 && info->y_dpi == 196 && info->strip_count == expected_strips && info->strip_bytes > 0,
               "tiffcp %s page %u: %u x %u c%u fill %u strips %u\n", c->options, p, info->width, info->height,
               info->compression, info->fill_order, info->strip_count);
            if (strstr(c->options, "-r 16"))
                ok(info->rows_per_strip == 16 && info->strip_count == (info->height + 15) / 16, "-r 16: %u strips\n",
                   info->strip_count);
            if (c->compression == 1)
                ok(page_equals_bitmap(data, size, info, pages[p]), "tiffcp %s page %u: pixels differ\n", c->options, p);
        }
        /* the same pages joined from it decode as well */
        if (status == TIFF_OK)
        {
            tiff_input input = { data, size };
            tiff_buffer joined;
            ok(tiff_join(&input, 1, 10, &joined) == TIFF_OK && write_file(temp_path("rejoined.tif"), joined.data, joined.size),
               "tiffcp %s: join failed\n", c->options);
            run_tiffinfo(temp_path("rejoined.tif"), &report);
            ok(report.exit_code == 0 && report.err && !report.err[0] && report.directories == 2,
               "tiffcp %s rejoined: %u pages, %s\n", c->options, report.directories, report.err ? report.err : "");
            free_report(&report);
            tiff_buffer_free(&joined);
            check_truncations(c->options, data, size < 3000 ? size : 3000);
        }
        if (i == 9)
            check_mutations("big-endian G3 file from libtiff", data, size, 1000);
        tiff_doc_free(&doc);
        free(data);
    }

    /* greyscale and LZW are no fax */
    ok(run(NULL, NULL, "tiffcp -c lzw '%s' '%s'", source, converted) == 0, "tiffcp -c lzw failed\n");
    {
        size_t size;
        uint8_t *data = read_file(converted, &size);
        tiff_doc doc;
        ok(tiff_inspect(data, size, 10, &doc) == TIFF_ERR_UNSUPPORTED && doc.error_page == 0, "LZW accepted\n");
        free(data);
    }
    {
        static const char pgm[] = "P5\n4 2\n255\n\x00\x40\x80\xff\x10\x20\x30\x40";
        static const char pbm[] = "P4\n16 2\n\xf0\x0f\x81\x18";
        size_t size;
        uint8_t *data;
        tiff_doc doc;

        write_file(temp_path("grey.pgm"), pgm, sizeof(pgm) - 1);
        ok(run(NULL, NULL, "ppm2tiff '%s' '%s'", temp_path("grey.pgm"), converted) == 0, "ppm2tiff failed\n");
        data = read_file(converted, &size);
        ok(tiff_inspect(data, size, 10, &doc) == TIFF_ERR_UNSUPPORTED, "8-bit grey accepted\n");
        free(data);
        write_file(temp_path("bw.pbm"), pbm, sizeof(pbm) - 1);
        ok(run(NULL, NULL, "ppm2tiff '%s' '%s'", temp_path("bw.pbm"), converted) == 0, "ppm2tiff failed\n");
        data = read_file(converted, &size);
        ok(tiff_inspect(data, size, 10, &doc) == TIFF_OK && doc.page_count == 1 && doc.pages[0].width == 16
           && doc.pages[0].height == 2, "PBM from ppm2tiff refused\n");
        tiff_doc_free(&doc);
        free(data);
    }
    fax_bitmap_free(pages[0]);
    fax_bitmap_free(pages[1]);
}

/* The job image of three bodies: a 2-page G4 file, a 1-page G3 file and a 1-page uncompressed file. */
static void test_join_with_libtiff(void)
{
    fax_bitmap *pages[4];
    tiff_buffer g4, single, joined;
    tiff_input inputs[3];
    struct tiffinfo_report report;
    uint8_t *g3_data, *raw_data;
    size_t g3_size, raw_size;
    tiff_doc doc;
    unsigned i;

    pages[0] = text_page(FAX_PAGE_WIDTH, FAX_PAGE_HEIGHT_A4, 1, 4);
    pages[1] = noise_page(FAX_PAGE_WIDTH, 700, 128);
    pages[2] = text_page(FAX_PAGE_WIDTH, 1000, 3, 4);
    pages[3] = shapes_page(FAX_PAGE_WIDTH, 1200);
    ok(fax_write_tiff((const fax_bitmap *const *)pages, 2, NULL, &g4) == TIFF_OK, "write g4\n");
    ok(fax_write_tiff((const fax_bitmap *const *)pages + 2, 1, NULL, &single) == TIFF_OK
       && write_file(temp_path("p3.tif"), single.data, single.size), "write page 3\n");
    tiff_buffer_free(&single);
    ok(fax_write_tiff((const fax_bitmap *const *)pages + 3, 1, NULL, &single) == TIFF_OK
       && write_file(temp_path("p4.tif"), single.data, single.size), "write page 4\n");
    tiff_buffer_free(&single);
    ok(run(NULL, NULL, "tiffcp -B -f lsb2msb -c g3:2d '%s' '%s'", temp_path("p3.tif"), temp_path("p3g3.tif")) == 0,
       "tiffcp g3 failed\n");
    ok(run(NULL, NULL, "tiffcp -c none -r 100 '%s' '%s'", temp_path("p4.tif"), temp_path("p4raw.tif")) == 0,
       "tiffcp none failed\n");
    g3_data = read_file(temp_path("p3g3.tif"), &g3_size);
    raw_data = read_file(temp_path("p4raw.tif"), &raw_size);

    inputs[0].data = g4.data;
    inputs[0].size = g4.size;
    inputs[1].data = g3_data;
    inputs[1].size = g3_size;
    inputs[2].data = raw_data;
    inputs[2].size = raw_size;
    ok(tiff_join(inputs, 3, 4, &joined) == TIFF_OK, "join failed\n");
    ok(tiff_inspect(joined.data, joined.size, 4, &doc) == TIFF_OK && doc.page_count == 4
       && doc.pages[0].compression == 4 && doc.pages[1].compression == 4 && doc.pages[2].compression == 3
       && doc.pages[2].fill_order == 2 && doc.pages[3].compression == 1 && doc.pages[3].strip_count == 12,
       "joined file: %u pages\n", doc.page_count);
    tiff_doc_free(&doc);
    ok(write_file(temp_path("joined.tif"), joined.data, joined.size), "cannot write joined.tif\n");
    run_tiffinfo(temp_path("joined.tif"), &report);
    ok(report.exit_code == 0 && report.err && !report.err[0], "tiffinfo -D on the joined file: %s\n",
       report.err ? report.err : "");
    ok(report.directories == 4 && report.group4 == 2 && report.group3 == 1 && report.uncompressed == 1,
       "joined: %u pages, %u G4, %u G3, %u none\n", report.directories, report.group4, report.group3, report.uncompressed);
    ok(sizes_match(report.out, pages, 4), "joined: sizes differ\n");
    for (i = 0; i < 4; i++)
    {
        char expected[32];
        snprintf(expected, sizeof(expected), "Page Number: %u-4", i);
        ok(count_substrings(report.out, expected) == 1, "joined: no \"%s\"\n", expected);
    }
    ok(count_substrings(report.out, "Resolution: 204, 196 pixels/inch") == 4, "joined: resolution lost\n");
    free_report(&report);
    check_pixels("joined", temp_path("joined.tif"), pages, 4);

    tiff_buffer_free(&joined);
    ok(tiff_join(inputs, 3, 3, &joined) == TIFF_ERR_TOO_MANY_PAGES && !joined.data, "4 pages joined under 3\n");
    tiff_buffer_free(&g4);
    free(g3_data);
    free(raw_data);
    for (i = 0; i < 4; i++)
        fax_bitmap_free(pages[i]);
}

int main(void)
{
    const char *seed = getenv("TIFF_TEST_SEED"), *keep = getenv("TIFF_TEST_KEEP"), *tmp = getenv("TMPDIR");
    clock_t start = clock();

    if (seed && *seed)
        random_state = strtoull(seed, NULL, 0) | 1;
    printf("tiff_test.c: random seed 0x%llx\n", (unsigned long long)random_state);
    snprintf(temp_dir, sizeof(temp_dir), "%s/tiff_test.XXXXXX", tmp && *tmp && strlen(tmp) < 150 ? tmp : "/tmp");
    if (!mkdtemp(temp_dir))
    {
        printf("tiff_test.c: cannot create a temporary folder\n");
        return 1;
    }
    have_tools = run(NULL, NULL, "command -v tiffinfo && command -v tiffcp && command -v ppm2tiff") == 0;

    test_status_text();
    test_bitmap();
    test_font();
    test_g4_known_bytes();
    test_crafted();
    test_chains();
    test_write_api();
    test_join_memory();
    test_hostile();
    if (have_tools)
    {
        test_writer_with_libtiff();
        test_inspect_libtiff_files();
        test_join_with_libtiff();
    }
    else
        skip("libtiff's tools (tiffinfo, tiffcp, ppm2tiff) are missing: apt-get install libtiff-tools\n");

    if (keep && *keep && strcmp(keep, "0"))
        printf("tiff_test.c: files kept in %s\n", temp_dir);
    else
        run(NULL, NULL, "rm -rf '%s'", temp_dir);
    printf("tiff_test.c: %.1f s of CPU\n", (double)(clock() - start) / CLOCKS_PER_SEC);
    printf("tiff_test: %u tests executed (0 marked as todo, %u failures), %u skipped.\n", tests_executed, tests_failed,
           tests_skipped);
    return tests_failed > 255 ? 255 : (int)tests_failed;
}
