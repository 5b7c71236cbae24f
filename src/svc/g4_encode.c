/*
 * ITU-T T.6 (Group 4, "MMR") encoding of a 1-bit image, as TIFF Compression 4 stores it: no EOLs,
 * no fill, bits MSB first (FillOrder 1), the data ends with EOFB. Every line is coded against the
 * previous one (an imaginary all-white line above the first) with the three modes of T.4 2-D
 * coding: pass, vertical (|a1 - b1| <= 3) and horizontal (two Modified Huffman runs).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff.h"

/* One code word: its bits are the low `length` bits of `bits`, sent most significant first. */
struct g4_code
{
    uint16_t bits;
    uint8_t length;
};

/* The Modified Huffman run-length codes of ITU-T T.4, tables 2 and 3: terminating codes for runs
 * 0-63, make-up codes for multiples of 64 up to 1728 per colour, and the make-up codes for 1792-2560
 * that both colours share. */
static const struct g4_code g4_white_terminating[64] =
{
    { 0x0035,  8 },  /*    0: 00110101 */
    { 0x0007,  6 },  /*    1: 000111 */
    { 0x0007,  4 },  /*    2: 0111 */
    { 0x0008,  4 },  /*    3: 1000 */
    { 0x000b,  4 },  /*    4: 1011 */
    { 0x000c,  4 },  /*    5: 1100 */
    { 0x000e,  4 },  /*    6: 1110 */
    { 0x000f,  4 },  /*    7: 1111 */
    { 0x0013,  5 },  /*    8: 10011 */
    { 0x0014,  5 },  /*    9: 10100 */
    { 0x0007,  5 },  /*   10: 00111 */
    { 0x0008,  5 },  /*   11: 01000 */
    { 0x0008,  6 },  /*   12: 001000 */
    { 0x0003,  6 },  /*   13: 000011 */
    { 0x0034,  6 },  /*   14: 110100 */
    { 0x0035,  6 },  /*   15: 110101 */
    { 0x002a,  6 },  /*   16: 101010 */
    { 0x002b,  6 },  /*   17: 101011 */
    { 0x0027,  7 },  /*   18: 0100111 */
    { 0x000c,  7 },  /*   19: 0001100 */
    { 0x0008,  7 },  /*   20: 0001000 */
    { 0x0017,  7 },  /*   21: 0010111 */
    { 0x0003,  7 },  /*   22: 0000011 */
    { 0x0004,  7 },  /*   23: 0000100 */
    { 0x0028,  7 },  /*   24: 0101000 */
    { 0x002b,  7 },  /*   25: 0101011 */
    { 0x0013,  7 },  /*   26: 0010011 */
    { 0x0024,  7 },  /*   27: 0100100 */
    { 0x0018,  7 },  /*   28: 0011000 */
    { 0x0002,  8 },  /*   29: 00000010 */
    { 0x0003,  8 },  /*   30: 00000011 */
    { 0x001a,  8 },  /*   31: 00011010 */
    { 0x001b,  8 },  /*   32: 00011011 */
    { 0x0012,  8 },  /*   33: 00010010 */
    { 0x0013,  8 },  /*   34: 00010011 */
    { 0x0014,  8 },  /*   35: 00010100 */
    { 0x0015,  8 },  /*   36: 00010101 */
    { 0x0016,  8 },  /*   37: 00010110 */
    { 0x0017,  8 },  /*   38: 00010111 */
    { 0x0028,  8 },  /*   39: 00101000 */
    { 0x0029,  8 },  /*   40: 00101001 */
    { 0x002a,  8 },  /*   41: 00101010 */
    { 0x002b,  8 },  /*   42: 00101011 */
    { 0x002c,  8 },  /*   43: 00101100 */
    { 0x002d,  8 },  /*   44: 00101101 */
    { 0x0004,  8 },  /*   45: 00000100 */
    { 0x0005,  8 },  /*   46: 00000101 */
    { 0x000a,  8 },  /*   47: 00001010 */
    { 0x000b,  8 },  /*   48: 00001011 */
    { 0x0052,  8 },  /*   49: 01010010 */
    { 0x0053,  8 },  /*   50: 01010011 */
    { 0x0054,  8 },  /*   51: 01010100 */
    { 0x0055,  8 },  /*   52: 01010101 */
    { 0x0024,  8 },  /*   53: 00100100 */
    { 0x0025,  8 },  /*   54: 00100101 */
    { 0x0058,  8 },  /*   55: 01011000 */
    { 0x0059,  8 },  /*   56: 01011001 */
    { 0x005a,  8 },  /*   57: 01011010 */
    { 0x005b,  8 },  /*   58: 01011011 */
    { 0x004a,  8 },  /*   59: 01001010 */
    { 0x004b,  8 },  /*   60: 01001011 */
    { 0x0032,  8 },  /*   61: 00110010 */
    { 0x0033,  8 },  /*   62: 00110011 */
    { 0x0034,  8 },  /*   63: 00110100 */
};
static const struct g4_code g4_black_terminating[64] =
{
    { 0x0037, 10 },  /*    0: 0000110111 */
    { 0x0002,  3 },  /*    1: 010 */
    { 0x0003,  2 },  /*    2: 11 */
    { 0x0002,  2 },  /*    3: 10 */
    { 0x0003,  3 },  /*    4: 011 */
    { 0x0003,  4 },  /*    5: 0011 */
    { 0x0002,  4 },  /*    6: 0010 */
    { 0x0003,  5 },  /*    7: 00011 */
    { 0x0005,  6 },  /*    8: 000101 */
    { 0x0004,  6 },  /*    9: 000100 */
    { 0x0004,  7 },  /*   10: 0000100 */
    { 0x0005,  7 },  /*   11: 0000101 */
    { 0x0007,  7 },  /*   12: 0000111 */
    { 0x0004,  8 },  /*   13: 00000100 */
    { 0x0007,  8 },  /*   14: 00000111 */
    { 0x0018,  9 },  /*   15: 000011000 */
    { 0x0017, 10 },  /*   16: 0000010111 */
    { 0x0018, 10 },  /*   17: 0000011000 */
    { 0x0008, 10 },  /*   18: 0000001000 */
    { 0x0067, 11 },  /*   19: 00001100111 */
    { 0x0068, 11 },  /*   20: 00001101000 */
    { 0x006c, 11 },  /*   21: 00001101100 */
    { 0x0037, 11 },  /*   22: 00000110111 */
    { 0x0028, 11 },  /*   23: 00000101000 */
    { 0x0017, 11 },  /*   24: 00000010111 */
    { 0x0018, 11 },  /*   25: 00000011000 */
    { 0x00ca, 12 },  /*   26: 000011001010 */
    { 0x00cb, 12 },  /*   27: 000011001011 */
    { 0x00cc, 12 },  /*   28: 000011001100 */
    { 0x00cd, 12 },  /*   29: 000011001101 */
    { 0x0068, 12 },  /*   30: 000001101000 */
    { 0x0069, 12 },  /*   31: 000001101001 */
    { 0x006a, 12 },  /*   32: 000001101010 */
    { 0x006b, 12 },  /*   33: 000001101011 */
    { 0x00d2, 12 },  /*   34: 000011010010 */
    { 0x00d3, 12 },  /*   35: 000011010011 */
    { 0x00d4, 12 },  /*   36: 000011010100 */
    { 0x00d5, 12 },  /*   37: 000011010101 */
    { 0x00d6, 12 },  /*   38: 000011010110 */
    { 0x00d7, 12 },  /*   39: 000011010111 */
    { 0x006c, 12 },  /*   40: 000001101100 */
    { 0x006d, 12 },  /*   41: 000001101101 */
    { 0x00da, 12 },  /*   42: 000011011010 */
    { 0x00db, 12 },  /*   43: 000011011011 */
    { 0x0054, 12 },  /*   44: 000001010100 */
    { 0x0055, 12 },  /*   45: 000001010101 */
    { 0x0056, 12 },  /*   46: 000001010110 */
    { 0x0057, 12 },  /*   47: 000001010111 */
    { 0x0064, 12 },  /*   48: 000001100100 */
    { 0x0065, 12 },  /*   49: 000001100101 */
    { 0x0052, 12 },  /*   50: 000001010010 */
    { 0x0053, 12 },  /*   51: 000001010011 */
    { 0x0024, 12 },  /*   52: 000000100100 */
    { 0x0037, 12 },  /*   53: 000000110111 */
    { 0x0038, 12 },  /*   54: 000000111000 */
    { 0x0027, 12 },  /*   55: 000000100111 */
    { 0x0028, 12 },  /*   56: 000000101000 */
    { 0x0058, 12 },  /*   57: 000001011000 */
    { 0x0059, 12 },  /*   58: 000001011001 */
    { 0x002b, 12 },  /*   59: 000000101011 */
    { 0x002c, 12 },  /*   60: 000000101100 */
    { 0x005a, 12 },  /*   61: 000001011010 */
    { 0x0066, 12 },  /*   62: 000001100110 */
    { 0x0067, 12 },  /*   63: 000001100111 */
};
static const struct g4_code g4_white_makeup[27] =
{
    { 0x001b,  5 },  /*   64: 11011 */
    { 0x0012,  5 },  /*  128: 10010 */
    { 0x0017,  6 },  /*  192: 010111 */
    { 0x0037,  7 },  /*  256: 0110111 */
    { 0x0036,  8 },  /*  320: 00110110 */
    { 0x0037,  8 },  /*  384: 00110111 */
    { 0x0064,  8 },  /*  448: 01100100 */
    { 0x0065,  8 },  /*  512: 01100101 */
    { 0x0068,  8 },  /*  576: 01101000 */
    { 0x0067,  8 },  /*  640: 01100111 */
    { 0x00cc,  9 },  /*  704: 011001100 */
    { 0x00cd,  9 },  /*  768: 011001101 */
    { 0x00d2,  9 },  /*  832: 011010010 */
    { 0x00d3,  9 },  /*  896: 011010011 */
    { 0x00d4,  9 },  /*  960: 011010100 */
    { 0x00d5,  9 },  /* 1024: 011010101 */
    { 0x00d6,  9 },  /* 1088: 011010110 */
    { 0x00d7,  9 },  /* 1152: 011010111 */
    { 0x00d8,  9 },  /* 1216: 011011000 */
    { 0x00d9,  9 },  /* 1280: 011011001 */
    { 0x00da,  9 },  /* 1344: 011011010 */
    { 0x00db,  9 },  /* 1408: 011011011 */
    { 0x0098,  9 },  /* 1472: 010011000 */
    { 0x0099,  9 },  /* 1536: 010011001 */
    { 0x009a,  9 },  /* 1600: 010011010 */
    { 0x0018,  6 },  /* 1664: 011000 */
    { 0x009b,  9 },  /* 1728: 010011011 */
};
static const struct g4_code g4_black_makeup[27] =
{
    { 0x000f, 10 },  /*   64: 0000001111 */
    { 0x00c8, 12 },  /*  128: 000011001000 */
    { 0x00c9, 12 },  /*  192: 000011001001 */
    { 0x005b, 12 },  /*  256: 000001011011 */
    { 0x0033, 12 },  /*  320: 000000110011 */
    { 0x0034, 12 },  /*  384: 000000110100 */
    { 0x0035, 12 },  /*  448: 000000110101 */
    { 0x006c, 13 },  /*  512: 0000001101100 */
    { 0x006d, 13 },  /*  576: 0000001101101 */
    { 0x004a, 13 },  /*  640: 0000001001010 */
    { 0x004b, 13 },  /*  704: 0000001001011 */
    { 0x004c, 13 },  /*  768: 0000001001100 */
    { 0x004d, 13 },  /*  832: 0000001001101 */
    { 0x0072, 13 },  /*  896: 0000001110010 */
    { 0x0073, 13 },  /*  960: 0000001110011 */
    { 0x0074, 13 },  /* 1024: 0000001110100 */
    { 0x0075, 13 },  /* 1088: 0000001110101 */
    { 0x0076, 13 },  /* 1152: 0000001110110 */
    { 0x0077, 13 },  /* 1216: 0000001110111 */
    { 0x0052, 13 },  /* 1280: 0000001010010 */
    { 0x0053, 13 },  /* 1344: 0000001010011 */
    { 0x0054, 13 },  /* 1408: 0000001010100 */
    { 0x0055, 13 },  /* 1472: 0000001010101 */
    { 0x005a, 13 },  /* 1536: 0000001011010 */
    { 0x005b, 13 },  /* 1600: 0000001011011 */
    { 0x0064, 13 },  /* 1664: 0000001100100 */
    { 0x0065, 13 },  /* 1728: 0000001100101 */
};
static const struct g4_code g4_common_makeup[13] =
{
    { 0x0008, 11 },  /* 1792: 00000001000 */
    { 0x000c, 11 },  /* 1856: 00000001100 */
    { 0x000d, 11 },  /* 1920: 00000001101 */
    { 0x0012, 12 },  /* 1984: 000000010010 */
    { 0x0013, 12 },  /* 2048: 000000010011 */
    { 0x0014, 12 },  /* 2112: 000000010100 */
    { 0x0015, 12 },  /* 2176: 000000010101 */
    { 0x0016, 12 },  /* 2240: 000000010110 */
    { 0x0017, 12 },  /* 2304: 000000010111 */
    { 0x001c, 12 },  /* 2368: 000000011100 */
    { 0x001d, 12 },  /* 2432: 000000011101 */
    { 0x001e, 12 },  /* 2496: 000000011110 */
    { 0x001f, 12 },  /* 2560: 000000011111 */
};

/* The 2-D mode codes of T.4 table 4. Vertical codes are indexed by a1 - b1 + 3. */
static const struct g4_code g4_pass = { 0x1, 4 };        /* 0001 */
static const struct g4_code g4_horizontal = { 0x1, 3 };  /* 001 */
static const struct g4_code g4_vertical[7] =
{
    { 0x02, 7 },  /* VL3: 0000010 */
    { 0x02, 6 },  /* VL2: 000010 */
    { 0x02, 3 },  /* VL1: 010 */
    { 0x01, 1 },  /* V0:  1 */
    { 0x03, 3 },  /* VR1: 011 */
    { 0x03, 6 },  /* VR2: 000011 */
    { 0x03, 7 },  /* VR3: 0000011 */
};
static const struct g4_code g4_eol = { 0x001, 12 };      /* EOFB is two of them */

struct bit_writer
{
    uint8_t *data;
    size_t size;
    size_t capacity;
    uint32_t pending;       /* the last `pending_bits` bits written, not yet a whole byte */
    unsigned pending_bits;
    int failed;
};

static void put_byte(struct bit_writer *writer, uint8_t byte)
{
    if (writer->size == writer->capacity)
    {
        size_t capacity = writer->capacity ? writer->capacity * 2 : 4096;
        uint8_t *data;

        if (writer->failed || capacity < writer->capacity || !(data = realloc(writer->data, capacity)))
        {
            writer->failed = 1;
            return;
        }
        writer->data = data;
        writer->capacity = capacity;
    }
    writer->data[writer->size++] = byte;
}

static void put_code(struct bit_writer *writer, struct g4_code code)
{
    writer->pending = writer->pending << code.length | code.bits;
    writer->pending_bits += code.length;
    while (writer->pending_bits >= 8)
    {
        writer->pending_bits -= 8;
        put_byte(writer, (uint8_t)(writer->pending >> writer->pending_bits));
    }
    writer->pending &= (1u << writer->pending_bits) - 1;
}

/* A run of `run` pixels of one colour: make-up codes for the multiples of 64, then a terminating code. */
static void put_run(struct bit_writer *writer, int black, uint32_t run)
{
    const struct g4_code *terminating = black ? g4_black_terminating : g4_white_terminating;
    const struct g4_code *makeup = black ? g4_black_makeup : g4_white_makeup;

    while (run >= 2560 + 64)
    {
        put_code(writer, g4_common_makeup[12]);
        run -= 2560;
    }
    if (run >= 64)
    {
        uint32_t sixty_fours = run / 64;
        put_code(writer, sixty_fours <= 27 ? makeup[sixty_fours - 1] : g4_common_makeup[sixty_fours - 28]);
        run -= sixty_fours * 64;
    }
    put_code(writer, terminating[run]);
}

/* The first pixel at or after x whose colour is not `black`, or width when there is none. Bits past
 * width in a row's last byte are ignored. */
static uint32_t next_change(const uint8_t *row, uint32_t width, uint32_t x, int black)
{
    uint8_t same = black ? 0xff : 0x00;

    while (x < width)
    {
        uint8_t differ = (uint8_t)((row[x >> 3] ^ same) & (0xff >> (x & 7)));

        if (differ)
        {
            x &= ~7u;
            while (!(differ & 0x80))
            {
                differ <<= 1;
                x++;
            }
            return x < width ? x : width;
        }
        x = (x & ~7u) + 8;
    }
    return width;
}

/* The changing elements of a row: positions whose colour differs from the pixel to the left (white
 * before the first pixel). Entries 0, 2, 4... turn black, entries 1, 3, 5... turn white. Three copies
 * of width follow as sentinels. */
static uint32_t find_changes(const uint8_t *row, uint32_t width, uint32_t *changes)
{
    uint32_t count = 0, x = 0;

    while ((x = next_change(row, width, x, count & 1)) < width)
        changes[count++] = x;
    changes[count] = changes[count + 1] = changes[count + 2] = width;
    return count;
}

/* Codes one line given its changing elements and those of the reference line above it. Positions
 * are signed because a0 starts on an imaginary white pixel left of the line. */
static void encode_line(struct bit_writer *writer, const uint32_t *coding, const uint32_t *reference, int64_t width)
{
    int64_t a0 = -1;
    size_t a = 0, b = 0;    /* first changing element right of a0 on each line */
    int black = 0;          /* the colour of a0 */

    while (a0 < width)
    {
        int64_t a1, b1, b2;
        size_t b_index;

        while ((int64_t)coding[a] <= a0)
            a++;
        while ((int64_t)reference[b] <= a0)
            b++;
        a1 = coding[a];
        /* b1 must have the opposite colour of a0: entries with even index turn black. */
        b_index = b + ((b & 1) != (size_t)black);
        b1 = reference[b_index];
        b2 = reference[b_index + 1];

        if (b2 < a1)
        {
            put_code(writer, g4_pass);
            a0 = b2;
        }
        else if (a1 - b1 >= -3 && a1 - b1 <= 3)
        {
            put_code(writer, g4_vertical[a1 - b1 + 3]);
            a0 = a1;
            black = !black;
        }
        else
        {
            int64_t a2 = coding[a + 1];
            put_code(writer, g4_horizontal);
            put_run(writer, black, (uint32_t)(a1 - (a0 < 0 ? 0 : a0)));
            put_run(writer, !black, (uint32_t)(a2 - a1));
            a0 = a2;
        }
    }
}

tiff_status fax_g4_encode(const fax_bitmap *bitmap, tiff_buffer *out)
{
    struct bit_writer writer;
    uint32_t *changes, *coding, *reference, *swap, y;

    if (!out)
        return TIFF_ERR_INVALID_ARG;
    out->data = NULL;
    out->size = 0;
    if (!bitmap || !bitmap->bits || !bitmap->width || !bitmap->height || bitmap->width > TIFF_MAX_WIDTH
        || bitmap->stride < ((size_t)bitmap->width + 7) / 8)
        return TIFF_ERR_INVALID_ARG;
    if (!(changes = malloc(((size_t)bitmap->width + 3) * 2 * sizeof(*changes))))
        return TIFF_ERR_NO_MEMORY;
    coding = changes;
    reference = changes + bitmap->width + 3;
    reference[0] = reference[1] = reference[2] = bitmap->width;  /* all white above the first line */

    memset(&writer, 0, sizeof(writer));
    for (y = 0; y < bitmap->height && !writer.failed; y++)
    {
        find_changes(bitmap->bits + (size_t)y * bitmap->stride, bitmap->width, coding);
        encode_line(&writer, coding, reference, bitmap->width);
        swap = coding;
        coding = reference;
        reference = swap;
    }
    put_code(&writer, g4_eol);
    put_code(&writer, g4_eol);
    if (writer.pending_bits)
        put_byte(&writer, (uint8_t)(writer.pending << (8 - writer.pending_bits)));
    free(changes);
    if (writer.failed)
    {
        free(writer.data);
        return TIFF_ERR_NO_MEMORY;
    }
    out->data = writer.data;
    out->size = writer.size;
    return TIFF_OK;
}
