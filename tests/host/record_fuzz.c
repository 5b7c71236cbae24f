/*
 * libFuzzer target of the record parser (src/svc/record.h): whatever the bytes, record_parse()
 * must not crash, and what it accepts must serialize back to the same bytes (the format has one
 * spelling per record) and survive every typed getter. Each input is parsed as it is, then once
 * more with a valid end line appended: a fuzzer cannot forge CRCs, and without that second parse
 * it would never get past the end line check to the line parser.
 *
 *   mkdir -p build/host && clang -std=c99 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc/svc \
 *       -o build/host/record_fuzz tests/host/record_fuzz.c src/svc/record.c
 *   build/host/record_fuzz -max_total_time=60 -max_len=4096 [corpus folder]
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "record.h"

static void read_every_way(const record *rec)
{
    size_t i, size;

    for (i = 0; i < record_count(rec); i++)
    {
        const char *key, *text;
        const uint8_t *bytes;
        uint16_t *units;
        uint64_t u;
        int64_t s;
        uint32_t u32;
        int32_t s32;
        double d;
        int b;

        record_field(rec, i, &key, &bytes, &size);
        record_get_string(rec, key, &text);
        record_get_u64(rec, key, &u);
        record_get_i64(rec, key, &s);
        record_get_u32(rec, key, &u32);
        record_get_i32(rec, key, &s32);
        record_get_double(rec, key, &d);
        record_get_bool(rec, key, &b);
        if (record_get_utf16(rec, key, &units, &size) == RECORD_OK)
            free(units);
    }
}

static void check(const uint8_t *data, size_t size)
{
    uint8_t *again;
    size_t again_size;
    record *rec;

    if (record_parse(data, size, &rec) != RECORD_OK)
        return;
    if (record_serialize(rec, &again, &again_size) != RECORD_OK)
        abort();
    if (again_size != size || memcmp(again, data, size))
        abort();
    read_every_way(rec);
    free(again);
    record_free(rec);
}

/* data followed by "end <size> <crc>\n" in a buffer of exactly that size (for ASan). */
static uint8_t *sealed_copy(const uint8_t *data, size_t size, size_t *sealed_size)
{
    static const char hex[] = "0123456789ABCDEF";
    char line[48], digits[24];
    size_t length = 0, count = 0, value = size;
    uint32_t crc = record_crc32(data, size);
    uint8_t *copy;
    int shift;

    do
        digits[count++] = (char)('0' + value % 10);
    while ((value /= 10));
    memcpy(line, "end ", 4);
    length = 4;
    while (count)
        line[length++] = digits[--count];
    line[length++] = ' ';
    for (shift = 28; shift >= 0; shift -= 4)
        line[length++] = hex[(crc >> shift) & 0xf];
    line[length++] = '\n';
    if (!(copy = malloc(size + length)))
        return NULL;
    memcpy(copy, data, size);
    memcpy(copy + size, line, length);
    *sealed_size = size + length;
    return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sealed_size;
    uint8_t *sealed;

    check(data, size);
    if ((sealed = sealed_copy(data, size, &sealed_size)))
    {
        check(sealed, sealed_size);
        free(sealed);
    }
    return 0;
}
