/*
 * A small bitmap font for the pages the service draws ("Page 1 of 2", headers of test faxes).
 * Glyphs are 5 pixels wide and 7 high above the baseline, with 2 rows below it for descenders, in
 * a cell of FAX_FONT_CELL_WIDTH x FAX_FONT_CELL_HEIGHT; each pixel becomes a scale x scale square.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stddef.h>

#include "tiff.h"

#define FIRST_GLYPH ' '
#define LAST_GLYPH '~'
#define MAX_SCALE 64

/* Rows from the top separated by spaces, '#' for ink; missing rows are blank. Designed for this
 * project on a 5x7 grid. */
static const char *const glyphs[LAST_GLYPH - FIRST_GLYPH + 1] =
{
    [' ' - FIRST_GLYPH] = "",
    ['!' - FIRST_GLYPH] = "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
    ['"' - FIRST_GLYPH] = ".#.#. .#.#. .#.#.",
    ['#' - FIRST_GLYPH] = ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
    ['$' - FIRST_GLYPH] = "..#.. .#### #.#.. .###. ..#.# ####. ..#..",
    ['%' - FIRST_GLYPH] = "##... ##..# ...#. ..#.. .#... #..## ...##",
    ['&' - FIRST_GLYPH] = ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
    ['\'' - FIRST_GLYPH] = "..#.. ..#.. .#...",
    ['(' - FIRST_GLYPH] = "...#. ..#.. .#... .#... .#... ..#.. ...#.",
    [')' - FIRST_GLYPH] = ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
    ['*' - FIRST_GLYPH] = "..... ..#.. #.#.# .###. #.#.# ..#.. .....",
    ['+' - FIRST_GLYPH] = "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
    [',' - FIRST_GLYPH] = "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...",
    ['-' - FIRST_GLYPH] = "..... ..... ..... ##### ..... ..... .....",
    ['.' - FIRST_GLYPH] = "..... ..... ..... ..... ..... .##.. .##..",
    ['/' - FIRST_GLYPH] = "..... ....# ...#. ..#.. .#... #.... .....",
    ['0' - FIRST_GLYPH] = ".###. #...# #..## #.#.# ##..# #...# .###.",
    ['1' - FIRST_GLYPH] = "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
    ['2' - FIRST_GLYPH] = ".###. #...# ....# ...#. ..#.. .#... #####",
    ['3' - FIRST_GLYPH] = "##### ...#. ..#.. ...#. ....# #...# .###.",
    ['4' - FIRST_GLYPH] = "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
    ['5' - FIRST_GLYPH] = "##### #.... ####. ....# ....# #...# .###.",
    ['6' - FIRST_GLYPH] = "..##. .#... #.... ####. #...# #...# .###.",
    ['7' - FIRST_GLYPH] = "##### ....# ...#. ..#.. .#... .#... .#...",
    ['8' - FIRST_GLYPH] = ".###. #...# #...# .###. #...# #...# .###.",
    ['9' - FIRST_GLYPH] = ".###. #...# #...# .#### ....# ...#. .##..",
    [':' - FIRST_GLYPH] = "..... .##.. .##.. ..... .##.. .##.. .....",
    [';' - FIRST_GLYPH] = "..... .##.. .##.. ..... .##.. .##.. ..#.. .#...",
    ['<' - FIRST_GLYPH] = "...#. ..#.. .#... #.... .#... ..#.. ...#.",
    ['=' - FIRST_GLYPH] = "..... ..... ##### ..... ##### ..... .....",
    ['>' - FIRST_GLYPH] = ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
    ['?' - FIRST_GLYPH] = ".###. #...# ....# ...#. ..#.. ..... ..#..",
    ['@' - FIRST_GLYPH] = ".###. #...# ....# .##.# #.#.# #.#.# .###.",
    ['A' - FIRST_GLYPH] = ".###. #...# #...# ##### #...# #...# #...#",
    ['B' - FIRST_GLYPH] = "####. #...# #...# ####. #...# #...# ####.",
    ['C' - FIRST_GLYPH] = ".###. #...# #.... #.... #.... #...# .###.",
    ['D' - FIRST_GLYPH] = "###.. #..#. #...# #...# #...# #..#. ###..",
    ['E' - FIRST_GLYPH] = "##### #.... #.... ####. #.... #.... #####",
    ['F' - FIRST_GLYPH] = "##### #.... #.... ####. #.... #.... #....",
    ['G' - FIRST_GLYPH] = ".###. #...# #.... #.### #...# #...# .####",
    ['H' - FIRST_GLYPH] = "#...# #...# #...# ##### #...# #...# #...#",
    ['I' - FIRST_GLYPH] = ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
    ['J' - FIRST_GLYPH] = "..### ...#. ...#. ...#. ...#. #..#. .##..",
    ['K' - FIRST_GLYPH] = "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
    ['L' - FIRST_GLYPH] = "#.... #.... #.... #.... #.... #.... #####",
    ['M' - FIRST_GLYPH] = "#...# ##.## #.#.# #.#.# #...# #...# #...#",
    ['N' - FIRST_GLYPH] = "#...# #...# ##..# #.#.# #..## #...# #...#",
    ['O' - FIRST_GLYPH] = ".###. #...# #...# #...# #...# #...# .###.",
    ['P' - FIRST_GLYPH] = "####. #...# #...# ####. #.... #.... #....",
    ['Q' - FIRST_GLYPH] = ".###. #...# #...# #...# #.#.# #..#. .##.#",
    ['R' - FIRST_GLYPH] = "####. #...# #...# ####. #.#.. #..#. #...#",
    ['S' - FIRST_GLYPH] = ".#### #.... #.... .###. ....# ....# ####.",
    ['T' - FIRST_GLYPH] = "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    ['U' - FIRST_GLYPH] = "#...# #...# #...# #...# #...# #...# .###.",
    ['V' - FIRST_GLYPH] = "#...# #...# #...# #...# #...# .#.#. ..#..",
    ['W' - FIRST_GLYPH] = "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",
    ['X' - FIRST_GLYPH] = "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
    ['Y' - FIRST_GLYPH] = "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
    ['Z' - FIRST_GLYPH] = "##### ....# ...#. ..#.. .#... #.... #####",
    ['[' - FIRST_GLYPH] = ".###. .#... .#... .#... .#... .#... .###.",
    ['\\' - FIRST_GLYPH] = "..... #.... .#... ..#.. ...#. ....# .....",
    [']' - FIRST_GLYPH] = ".###. ...#. ...#. ...#. ...#. ...#. .###.",
    ['^' - FIRST_GLYPH] = "..#.. .#.#. #...#",
    ['_' - FIRST_GLYPH] = "..... ..... ..... ..... ..... ..... ..... #####",
    ['`' - FIRST_GLYPH] = ".#... ..#.. ...#.",
    ['a' - FIRST_GLYPH] = "..... ..... .###. ....# .#### #...# .####",
    ['b' - FIRST_GLYPH] = "#.... #.... #.##. ##..# #...# #...# ####.",
    ['c' - FIRST_GLYPH] = "..... ..... .###. #.... #.... #...# .###.",
    ['d' - FIRST_GLYPH] = "....# ....# .##.# #..## #...# #...# .####",
    ['e' - FIRST_GLYPH] = "..... ..... .###. #...# ##### #.... .###.",
    ['f' - FIRST_GLYPH] = "..##. .#..# .#... ###.. .#... .#... .#...",
    ['g' - FIRST_GLYPH] = "..... ..... .#### #...# #...# .#### ....# #...# .###.",
    ['h' - FIRST_GLYPH] = "#.... #.... #.##. ##..# #...# #...# #...#",
    ['i' - FIRST_GLYPH] = "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.",
    ['j' - FIRST_GLYPH] = "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..",
    ['k' - FIRST_GLYPH] = "#.... #.... #..#. #.#.. ##... #.#.. #..#.",
    ['l' - FIRST_GLYPH] = ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",
    ['m' - FIRST_GLYPH] = "..... ..... ##.#. #.#.# #.#.# #...# #...#",
    ['n' - FIRST_GLYPH] = "..... ..... #.##. ##..# #...# #...# #...#",
    ['o' - FIRST_GLYPH] = "..... ..... .###. #...# #...# #...# .###.",
    ['p' - FIRST_GLYPH] = "..... ..... ####. #...# #...# ####. #.... #.... #....",
    ['q' - FIRST_GLYPH] = "..... ..... .##.# #..## #...# .#### ....# ....# ....#",
    ['r' - FIRST_GLYPH] = "..... ..... #.##. ##..# #.... #.... #....",
    ['s' - FIRST_GLYPH] = "..... ..... .###. #.... .###. ....# ####.",
    ['t' - FIRST_GLYPH] = ".#... .#... ###.. .#... .#... .#..# ..##.",
    ['u' - FIRST_GLYPH] = "..... ..... #...# #...# #...# #..## .##.#",
    ['v' - FIRST_GLYPH] = "..... ..... #...# #...# #...# .#.#. ..#..",
    ['w' - FIRST_GLYPH] = "..... ..... #...# #...# #.#.# #.#.# .#.#.",
    ['x' - FIRST_GLYPH] = "..... ..... #...# .#.#. ..#.. .#.#. #...#",
    ['y' - FIRST_GLYPH] = "..... ..... #...# #...# #...# .#### ....# #...# .###.",
    ['z' - FIRST_GLYPH] = "..... ..... ##### ...#. ..#.. .#... #####",
    ['{' - FIRST_GLYPH] = "...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.",
    ['|' - FIRST_GLYPH] = "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
    ['}' - FIRST_GLYPH] = ".#... ..#.. ..#.. ...#. ..#.. ..#.. .#...",
    ['~' - FIRST_GLYPH] = "..... ..... .#... #.#.# ...#.",
};

static const char *glyph_of(char c)
{
    unsigned char u = (unsigned char)c;
    if (u == '\t')
        u = ' ';
    if (u < FIRST_GLYPH || u > LAST_GLYPH)
        u = '?';
    return glyphs[u - FIRST_GLYPH];
}

static unsigned clamp_scale(unsigned scale)
{
    return scale < 1 ? 1 : scale > MAX_SCALE ? MAX_SCALE : scale;
}

static int32_t saturate(int64_t value)
{
    return value < INT32_MIN ? INT32_MIN : value > INT32_MAX ? INT32_MAX : (int32_t)value;
}

/* Draws one glyph with its cell's top-left corner at (x, y); fill_rect clips, coordinates are
 * computed in 64 bits so that cells far off the page cannot overflow. */
static void draw_glyph(fax_bitmap *bitmap, int64_t x, int64_t y, const char *glyph, unsigned scale)
{
    int64_t row = 0, column = 0;

    for (; *glyph; glyph++)
    {
        if (*glyph == ' ')
        {
            row++;
            column = 0;
            continue;
        }
        if (*glyph == '#')
        {
            int64_t left = x + column * scale, top = y + row * scale;
            if (left >= INT32_MIN && left <= INT32_MAX && top >= INT32_MIN && top <= INT32_MAX)
                fax_bitmap_fill_rect(bitmap, (int32_t)left, (int32_t)top, (int32_t)scale, (int32_t)scale, 1);
        }
        column++;
    }
}

int32_t fax_bitmap_draw_text(fax_bitmap *bitmap, int32_t x, int32_t y, const char *text, unsigned scale)
{
    int64_t pen_x = x, pen_y = y;

    if (!text)
        return x;
    scale = clamp_scale(scale);
    for (; *text; text++)
    {
        if (*text == '\n')
        {
            pen_x = x;
            pen_y += (int64_t)FAX_FONT_CELL_HEIGHT * scale;
            continue;
        }
        if (bitmap)
            draw_glyph(bitmap, pen_x, pen_y, glyph_of(*text), scale);
        pen_x += (int64_t)FAX_FONT_CELL_WIDTH * scale;
    }
    return saturate(pen_x);
}

void fax_text_extent(const char *text, unsigned scale, uint32_t *width, uint32_t *height)
{
    uint64_t longest = 0, line = 0, lines = 1;

    scale = clamp_scale(scale);
    for (; text && *text; text++)
    {
        if (*text == '\n')
        {
            lines++;
            line = 0;
        }
        else if (++line > longest)
            longest = line;
    }
    longest *= (uint64_t)FAX_FONT_CELL_WIDTH * scale;
    lines *= (uint64_t)FAX_FONT_CELL_HEIGHT * scale;
    if (width)
        *width = longest > UINT32_MAX ? UINT32_MAX : (uint32_t)longest;
    if (height)
        *height = lines > UINT32_MAX ? UINT32_MAX : (uint32_t)lines;
}
