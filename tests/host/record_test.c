/*
 * Host tests of the fax service's record format (src/svc/record.h): round trips of every value
 * type, the exact bytes of a known record (its CRC as zlib computes it), the strictness of the
 * typed getters, the limits, and damaged input: every truncation, every single-byte change, and
 * thousands of seeded random mutations (half of them re-sealed with a valid end line, so that the
 * line parser behind the CRC check is exercised too), all meant to run under AddressSanitizer and
 * UndefinedBehaviorSanitizer.
 *
 * Build and run from the repository root:
 *
 *   mkdir -p build/host && gcc -std=c99 -O1 -g -Wall -Wextra -fsanitize=address,undefined \
 *       -fno-sanitize-recover=all -fno-omit-frame-pointer -Isrc/svc \
 *       -o build/host/record_test tests/host/record_test.c src/svc/record.c
 *   build/host/record_test
 *
 * The exit code is the number of failures (at most 255); the last line is Wine's summary line.
 * RECORD_TEST_SEED=n changes the random seed.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "record.h"

/* The harness: Wine's "file:line: Test failed: ..." lines and summary line. */

static unsigned tests_executed, tests_failed;

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
    fflush(stdout);
    return 0;
}

#define ok(condition, ...) ok_at("record_test.c", __LINE__, (condition) ? 1 : 0, __VA_ARGS__)

/* A repeatable random sequence (xorshift64*). */
static uint64_t random_state = 0x2545f4914f6cdd1dull;

static uint64_t random64(void)
{
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return random_state * 2685821657736338717ull;
}

static uint32_t random_below(uint32_t limit)
{
    return limit ? (uint32_t)((random64() >> 32) % limit) : 0;
}

/* Helpers */

struct buffer
{
    uint8_t *data;
    size_t size;
};

static void append(struct buffer *buffer, const void *data, size_t size)
{
    uint8_t *grown = realloc(buffer->data, buffer->size + size + 1);

    if (!grown)
        abort();
    buffer->data = grown;
    memcpy(buffer->data + buffer->size, data, size);
    buffer->size += size;
    buffer->data[buffer->size] = 0;
}

static void append_text(struct buffer *buffer, const char *text)
{
    append(buffer, text, strlen(text));
}

/* Appends a valid end line for everything in the buffer: what a writer that means it does. */
static void seal(struct buffer *buffer)
{
    char line[64];

    snprintf(line, sizeof(line), "end %lu %08lX\n", (unsigned long)buffer->size,
             (unsigned long)record_crc32(buffer->data, buffer->size));
    append_text(buffer, line);
}

/* Parses text sealed with a valid end line. */
static record_status parse_sealed(const char *text, record **out)
{
    struct buffer buffer = { NULL, 0 };
    record_status status;

    append_text(&buffer, text);
    seal(&buffer);
    status = record_parse(buffer.data, buffer.size, out);
    free(buffer.data);
    return status;
}

static record_status parse_sealed_status(const char *text)
{
    record *rec;
    record_status status = parse_sealed(text, &rec);

    record_free(rec);
    return status;
}

/* Serializes and parses rec; the copy must serialize to the same bytes. */
static record *reparse(const record *rec, const char *what)
{
    uint8_t *data = NULL, *again = NULL;
    size_t size = 0, again_size = 0;
    record *copy = NULL;

    ok(record_serialize(rec, &data, &size) == RECORD_OK, "%s: serialize failed\n", what);
    ok(record_parse(data, size, &copy) == RECORD_OK, "%s: parse failed\n", what);
    if (copy)
    {
        ok(record_serialize(copy, &again, &again_size) == RECORD_OK, "%s: serialize again failed\n", what);
        ok(again_size == size && !memcmp(again, data, size), "%s: not the same bytes again\n", what);
    }
    free(data);
    free(again);
    return copy;
}

static int same_double(double a, double b)
{
    return !memcmp(&a, &b, sizeof(a));
}

/* Tests */

static void test_status_text(void)
{
    int status;

    for (status = RECORD_OK; status <= RECORD_ERR_INVALID_ARG; status++)
        ok(strcmp(record_status_text((record_status)status), "unknown record status") != 0,
           "status %d has no text\n", status);
    ok(!strcmp(record_status_text((record_status)99), "unknown record status"), "unknown status\n");
}

static void test_crc(void)
{
    ok(record_crc32("", 0) == 0, "crc of nothing\n");
    ok(record_crc32("123456789", 9) == 0xcbf43926u, "crc check value: %08lx\n",
       (unsigned long)record_crc32("123456789", 9));
    ok(record_crc32("The quick brown fox jumps over the lazy dog", 43) == 0x414fa339u, "crc of the fox\n");
}

static void test_keys(void)
{
    static const char *const valid[] = { "a", "pages", "x.y_z0", "0", "end", "..", "_",
        "a234567890123456789012345678901234567890123456789012345678901234" };
    static const char *const invalid[] = { "", "A", "a b", "a=b", "a-b", "\xc3\xa9", "a\n", " a", "a ", "\\",
        "a2345678901234567890123456789012345678901234567890123456789012345" };
    record *rec;
    size_t i;

    for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
        ok(record_key_valid(valid[i]), "key \"%s\" refused\n", valid[i]);
    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
        ok(!record_key_valid(invalid[i]), "key \"%s\" accepted\n", invalid[i]);
    ok(!record_key_valid(NULL), "NULL key accepted\n");

    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
    {
        rec = (record *)1;
        ok(record_create(invalid[i], &rec) == RECORD_ERR_INVALID_ARG && !rec, "kind \"%s\" accepted\n", invalid[i]);
    }
    ok(record_create(NULL, &rec) == RECORD_ERR_INVALID_ARG, "NULL kind accepted\n");
    ok(record_create("job", NULL) == RECORD_ERR_INVALID_ARG, "NULL output accepted\n");
    ok(record_create("config.outbox", &rec) == RECORD_OK && !strcmp(record_kind(rec), "config.outbox"), "kind\n");
    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
        ok(record_add_u64(rec, invalid[i], 1) == RECORD_ERR_INVALID_ARG, "key \"%s\" added\n", invalid[i]);
    ok(record_add_u64(rec, NULL, 1) == RECORD_ERR_INVALID_ARG, "NULL key added\n");
    ok(record_count(rec) == 0, "fields added by failed calls\n");
    record_free(rec);
    record_free(NULL);
}

/* The exact bytes of a small record (CRC from Python's zlib.crc32). */
static void test_known_bytes(void)
{
    static const char expected[] = "fxscomex-record 1 job\n"
                                   "id=00000000000001A2\n"
                                   "subject=Report\\nPage 2\n"
                                   "pages=3\n"
                                   "end 73 4707FF83\n";
    static const char empty[] = "fxscomex-record 1 config.outbox\nend 32 ";
    uint8_t *data;
    size_t size;
    record *rec;
    char line[64];

    record_create("job", &rec);
    record_add_string(rec, "id", "00000000000001A2");
    record_add_string(rec, "subject", "Report\nPage 2");
    record_add_u64(rec, "pages", 3);
    ok(record_serialize(rec, &data, &size) == RECORD_OK, "serialize failed\n");
    ok(size == sizeof(expected) - 1 && !memcmp(data, expected, size), "got %.*s\n", (int)size, (const char *)data);
    free(data);
    record_free(rec);

    record_create("config.outbox", &rec);
    ok(record_serialize(rec, &data, &size) == RECORD_OK, "serialize failed\n");
    snprintf(line, sizeof(line), "%08lX\n", (unsigned long)record_crc32(data, 32));
    ok(size == sizeof(empty) - 1 + 9 && !memcmp(data, empty, sizeof(empty) - 1) && !memcmp(data + 39, line, 9),
       "empty record: %.*s\n", (int)size, (const char *)data);
    free(data);
    record_free(rec);

    ok(record_serialize(NULL, &data, &size) == RECORD_ERR_INVALID_ARG && !data && !size, "NULL record\n");
    ok(record_serialize((record *)1, NULL, &size) == RECORD_ERR_INVALID_ARG, "NULL data\n");
}

static void test_strings(void)
{
    static const char escapes[] = "a\\b\nc\rd\\n\\\\\r\n";
    uint8_t all_bytes[512], long_value[100000];
    const uint8_t *bytes;
    const char *text, *key;
    record *rec, *copy;
    size_t i, size;

    for (i = 0; i < sizeof(all_bytes); i++)
        all_bytes[i] = (uint8_t)i;
    for (i = 0; i < sizeof(long_value); i++)
        long_value[i] = (uint8_t)(" \\\nx\0\r"[random_below(6)]);

    record_create("message", &rec);
    ok(record_add_string(rec, "empty", "") == RECORD_OK, "empty string\n");
    ok(record_add_bytes(rec, "empty_bytes", NULL, 0) == RECORD_OK, "empty bytes\n");
    ok(record_add_string(rec, "escapes", escapes) == RECORD_OK, "escapes\n");
    ok(record_add_bytes(rec, "nul", "a\0b\0", 4) == RECORD_OK, "embedded NUL\n");
    ok(record_add_bytes(rec, "all", all_bytes, sizeof(all_bytes)) == RECORD_OK, "every byte\n");
    ok(record_add_bytes(rec, "long", long_value, sizeof(long_value)) == RECORD_OK, "long value\n");
    ok(record_add_string(rec, "utf8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == RECORD_OK, "UTF-8\n");
    ok(record_add_string(rec, "fake_end", "x\nend 5 00000000\n") == RECORD_OK, "end line in a value\n");
    ok(record_add_string(rec, "equals", "=a=b==") == RECORD_OK, "equals signs\n");
    ok(record_add_string(rec, "end", "end") == RECORD_OK, "key end\n");
    ok(record_add_string(rec, "escapes", "again") == RECORD_ERR_EXISTS, "duplicate key added\n");
    ok(record_add_string(rec, "x", NULL) == RECORD_ERR_INVALID_ARG, "NULL string added\n");
    ok(record_add_bytes(rec, "x", NULL, 1) == RECORD_ERR_INVALID_ARG, "NULL bytes added\n");

    copy = reparse(rec, "strings");
    ok(record_count(copy) == 10, "%lu fields\n", (unsigned long)record_count(copy));
    ok(record_get_string(copy, "empty", &text) == RECORD_OK && !strcmp(text, ""), "empty string\n");
    ok(record_get_bytes(copy, "empty_bytes", &bytes, &size) == RECORD_OK && !size && !bytes[0], "empty bytes\n");
    ok(record_get_string(copy, "escapes", &text) == RECORD_OK && !strcmp(text, escapes), "escapes\n");
    ok(record_get_bytes(copy, "nul", &bytes, &size) == RECORD_OK && size == 4 && !memcmp(bytes, "a\0b\0", 5),
       "embedded NUL\n");
    text = "unchanged";
    ok(record_get_string(copy, "nul", &text) == RECORD_ERR_BAD_VALUE && !strcmp(text, "unchanged"),
       "embedded NUL read as a string\n");
    ok(record_get_bytes(copy, "all", &bytes, &size) == RECORD_OK && size == sizeof(all_bytes)
       && !memcmp(bytes, all_bytes, size), "every byte\n");
    ok(record_get_bytes(copy, "long", &bytes, &size) == RECORD_OK && size == sizeof(long_value)
       && !memcmp(bytes, long_value, size), "long value\n");
    ok(record_get_string(copy, "utf8", &text) == RECORD_OK && !strcmp(text, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
       "UTF-8\n");
    ok(record_get_string(copy, "fake_end", &text) == RECORD_OK && !strcmp(text, "x\nend 5 00000000\n"), "fake end\n");
    ok(record_get_string(copy, "equals", &text) == RECORD_OK && !strcmp(text, "=a=b=="), "equals signs\n");
    ok(record_get_string(copy, "missing", &text) == RECORD_ERR_NOT_FOUND, "missing key found\n");
    ok(record_has(copy, "end") && !record_has(copy, "missing") && !record_has(NULL, "end") && !record_has(copy, NULL),
       "record_has\n");

    /* iteration keeps the order of adding */
    ok(record_field(copy, 0, &key, &bytes, &size) == RECORD_OK && !strcmp(key, "empty") && !size, "field 0\n");
    ok(record_field(copy, 9, &key, &bytes, &size) == RECORD_OK && !strcmp(key, "end") && size == 3, "field 9\n");
    ok(record_field(copy, 10, &key, &bytes, &size) == RECORD_ERR_INVALID_ARG, "field 10\n");
    ok(record_field(NULL, 0, &key, &bytes, &size) == RECORD_ERR_INVALID_ARG, "field of NULL\n");
    ok(record_field(copy, 2, NULL, NULL, NULL) == RECORD_OK, "field without outputs\n");
    record_free(copy);
    record_free(rec);
}

static void test_integers(void)
{
    static const uint64_t unsigned_values[] = { 0, 1, 9, 10, 4294967295u, 4294967296u, 18446744073709551615u };
    static const int64_t signed_values[] = { 0, 1, -1, INT32_MIN, INT32_MAX, INT64_MAX, INT64_MIN, INT64_MIN + 1 };
    char key[32];
    record *rec, *copy;
    uint64_t u;
    int64_t s;
    uint32_t u32;
    int32_t s32;
    int b;
    size_t i;

    record_create("numbers", &rec);
    for (i = 0; i < sizeof(unsigned_values) / sizeof(unsigned_values[0]); i++)
    {
        snprintf(key, sizeof(key), "u%lu", (unsigned long)i);
        ok(record_add_u64(rec, key, unsigned_values[i]) == RECORD_OK, "add %s\n", key);
    }
    for (i = 0; i < sizeof(signed_values) / sizeof(signed_values[0]); i++)
    {
        snprintf(key, sizeof(key), "s%lu", (unsigned long)i);
        ok(record_add_i64(rec, key, signed_values[i]) == RECORD_OK, "add %s\n", key);
    }
    record_add_bool(rec, "yes", 1);
    record_add_bool(rec, "no", 0);
    record_add_bool(rec, "minus", -5);
    copy = reparse(rec, "integers");
    for (i = 0; i < sizeof(unsigned_values) / sizeof(unsigned_values[0]); i++)
    {
        snprintf(key, sizeof(key), "u%lu", (unsigned long)i);
        ok(record_get_u64(copy, key, &u) == RECORD_OK && u == unsigned_values[i], "get %s\n", key);
        u32 = 7;
        if (unsigned_values[i] <= UINT32_MAX)
            ok(record_get_u32(copy, key, &u32) == RECORD_OK && u32 == unsigned_values[i], "get %s as u32\n", key);
        else
            ok(record_get_u32(copy, key, &u32) == RECORD_ERR_BAD_VALUE && u32 == 7, "%s out of u32\n", key);
    }
    for (i = 0; i < sizeof(signed_values) / sizeof(signed_values[0]); i++)
    {
        snprintf(key, sizeof(key), "s%lu", (unsigned long)i);
        ok(record_get_i64(copy, key, &s) == RECORD_OK && s == signed_values[i], "get %s\n", key);
        s32 = 7;
        if (signed_values[i] >= INT32_MIN && signed_values[i] <= INT32_MAX)
            ok(record_get_i32(copy, key, &s32) == RECORD_OK && s32 == signed_values[i], "get %s as i32\n", key);
        else
            ok(record_get_i32(copy, key, &s32) == RECORD_ERR_BAD_VALUE && s32 == 7, "%s out of i32\n", key);
    }
    ok(record_get_bool(copy, "yes", &b) == RECORD_OK && b == 1, "true\n");
    ok(record_get_bool(copy, "no", &b) == RECORD_OK && b == 0, "false\n");
    ok(record_get_bool(copy, "minus", &b) == RECORD_OK && b == 1, "-5 as a boolean\n");
    ok(record_get_u64(copy, "s2", &u) == RECORD_ERR_BAD_VALUE, "-1 read as unsigned\n");
    ok(record_get_i64(copy, "u6", &s) == RECORD_ERR_BAD_VALUE, "UINT64_MAX read as signed\n");
    ok(record_get_u64(copy, "nothing", &u) == RECORD_ERR_NOT_FOUND, "missing u64\n");
    ok(record_get_u64(copy, "u1", NULL) == RECORD_ERR_INVALID_ARG, "NULL output\n");
    ok(record_get_u64(NULL, "u1", &u) == RECORD_ERR_INVALID_ARG, "NULL record\n");
    ok(record_get_u64(copy, NULL, &u) == RECORD_ERR_INVALID_ARG, "NULL key\n");
    ok(record_get_u32(copy, "u1", NULL) == RECORD_ERR_INVALID_ARG, "NULL u32 output\n");
    ok(record_get_i32(copy, "u1", NULL) == RECORD_ERR_INVALID_ARG, "NULL i32 output\n");
    record_free(copy);
    record_free(rec);

    /* random values */
    record_create("numbers", &rec);
    for (i = 0; i < 2000; i++)
    {
        uint64_t value = random64() >> random_below(64);
        snprintf(key, sizeof(key), "n%lu", (unsigned long)i);
        record_add_u64(rec, key, value);
        snprintf(key, sizeof(key), "m%lu", (unsigned long)i);
        record_add_i64(rec, key, (int64_t)value);
    }
    copy = reparse(rec, "random integers");
    for (i = 0; i < 2000; i++)
    {
        uint64_t expected;
        snprintf(key, sizeof(key), "n%lu", (unsigned long)i);
        record_get_u64(rec, key, &expected);
        ok(record_get_u64(copy, key, &u) == RECORD_OK && u == expected, "random %s\n", key);
        snprintf(key, sizeof(key), "m%lu", (unsigned long)i);
        ok(record_get_i64(copy, key, &s) == RECORD_OK && (uint64_t)s == expected, "random %s\n", key);
    }
    record_free(copy);
    record_free(rec);
}

static void test_doubles(void)
{
    static const double values[] = { 0.0, -0.0, 1.0, -1.0, 0.1, -0.1, 1.0 / 3.0, 3.141592653589793,
        46000.123456789, 46000.5, -657434.0, 2958465.99999999, 1e-300, 1e300, DBL_MIN, DBL_MAX, -DBL_MAX,
        4.9406564584124654e-324, 2.2250738585072009e-308, 9007199254740993.0, 123456789012345678.0, 5e-324 * 3 };
    char key[32];
    record *rec, *copy;
    unsigned i, tested = 0;
    double d;

    record_create("doubles", &rec);
    for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
    {
        snprintf(key, sizeof(key), "d%u", i);
        ok(record_add_double(rec, key, values[i]) == RECORD_OK, "add %.17g\n", values[i]);
    }
    ok(record_add_double(rec, "nan", NAN) == RECORD_ERR_INVALID_ARG, "NaN added\n");
    ok(record_add_double(rec, "inf", INFINITY) == RECORD_ERR_INVALID_ARG, "infinity added\n");
    ok(record_add_double(rec, "minus_inf", -INFINITY) == RECORD_ERR_INVALID_ARG, "-infinity added\n");
    copy = reparse(rec, "doubles");
    for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
    {
        snprintf(key, sizeof(key), "d%u", i);
        d = 42;
        ok(record_get_double(copy, key, &d) == RECORD_OK && same_double(d, values[i]), "%.17g became %.17g\n",
           values[i], d);
    }
    ok(record_get_double(copy, "nan", &d) == RECORD_ERR_NOT_FOUND, "NaN found\n");
    record_free(copy);
    record_free(rec);

    /* random bit patterns: every finite double comes back with the same bits */
    record_create("doubles", &rec);
    for (i = 0; i < 4000; i++)
    {
        uint64_t bits = random64();
        memcpy(&d, &bits, sizeof(d));
        if (!isfinite(d))
            continue;
        snprintf(key, sizeof(key), "r%u", i);
        record_add_double(rec, key, d);
    }
    copy = reparse(rec, "random doubles");
    for (i = 0; i < record_count(rec); i++)
    {
        const char *name;
        double expected = 0, got = 1;
        record_field(rec, i, &name, NULL, NULL);
        record_get_double(rec, name, &expected);
        record_get_double(copy, name, &got);
        if (!same_double(expected, got))
            ok(0, "%s: %.17g came back as %.17g\n", name, expected, got);
        tested++;
    }
    ok(tested > 3900, "only %u random doubles\n", tested);
    record_free(copy);
    record_free(rec);
}

static const uint16_t *utf16(const char *text, size_t *length)
{
    static uint16_t units[64];
    size_t i;

    for (i = 0; text[i] && i < 64; i++)
        units[i] = (uint16_t)(uint8_t)text[i];
    *length = i;
    return units;
}

static void check_utf16(record *rec, const char *key, const uint16_t *value, size_t length, const char *bytes,
                        size_t size)
{
    const uint8_t *stored;
    size_t stored_size, got_length;
    uint16_t *got = NULL;

    ok(record_add_utf16(rec, key, value, length) == RECORD_OK, "%s: add failed\n", key);
    ok(record_get_bytes(rec, key, &stored, &stored_size) == RECORD_OK && stored_size == size
       && !memcmp(stored, bytes, size), "%s: wrong WTF-8 (%lu bytes)\n", key, (unsigned long)stored_size);
    ok(record_get_utf16(rec, key, &got, &got_length) == RECORD_OK && got_length == length
       && !memcmp(got, value, length * 2) && got[length] == 0, "%s: did not come back\n", key);
    free(got);
}

static void test_utf16(void)
{
    static const uint16_t nul[] = { 'a', 0, 'b' }, bmp[] = { 0xe9, 0x20ac, 0xfffd, 0xffff, 0x7ff, 0x800 };
    static const uint16_t pair[] = { 0xd83d, 0xde00 }, high[] = { 'x', 0xd83d }, low[] = { 0xde00, 'y' };
    static const uint16_t reversed[] = { 0xde00, 0xd83d }, highs[] = { 0xd83d, 0xd83d, 0xde00 };
    static const uint16_t limits[] = { 0xdbff, 0xdfff, 0xd800, 0xdc00 };
    static const struct { const char *bytes; size_t size; } invalid[] = {
        { "\xff", 1 }, { "\xc0\x80", 2 }, { "\xc1\xbf", 2 }, { "\xe0\x80\x80", 3 }, { "\xe0\x9f\xbf", 3 },
        { "\xed\xa0\xbd\xed\xb8\x80", 6 }, { "\xf0\x80\x80\x80", 4 }, { "\xf4\x90\x80\x80", 4 },
        { "\xf5\x80\x80\x80", 4 }, { "\xe2\x82", 2 }, { "\x80", 1 }, { "a\xc3", 2 }, { "\xe2\x28\xa1", 3 } };
    uint16_t random_units[300], none[1] = { 0 }, *got = (uint16_t *)1;
    const uint16_t *ascii;
    size_t length, i, j;
    record *rec, *copy;
    char key[32];

    record_create("strings", &rec);
    check_utf16(rec, "empty", none, 0, "", 0);
    ok(record_add_utf16(rec, "null", NULL, 0) == RECORD_OK, "NULL empty string refused\n");
    ascii = utf16("Hello", &length);
    check_utf16(rec, "ascii", ascii, length, "Hello", 5);
    check_utf16(rec, "nul", nul, 3, "a\0b", 3);
    check_utf16(rec, "bmp", bmp, 6, "\xc3\xa9\xe2\x82\xac\xef\xbf\xbd\xef\xbf\xbf\xdf\xbf\xe0\xa0\x80", 16);
    check_utf16(rec, "pair", pair, 2, "\xf0\x9f\x98\x80", 4);
    check_utf16(rec, "high", high, 2, "x\xed\xa0\xbd", 4);
    check_utf16(rec, "low", low, 2, "\xed\xb8\x80y", 4);
    check_utf16(rec, "reversed", reversed, 2, "\xed\xb8\x80\xed\xa0\xbd", 6);
    check_utf16(rec, "highs", highs, 3, "\xed\xa0\xbd\xf0\x9f\x98\x80", 7);
    check_utf16(rec, "limits", limits, 4, "\xf4\x8f\xbf\xbf\xf0\x90\x80\x80", 8);
    ok(record_add_utf16(rec, "x", NULL, 1) == RECORD_ERR_INVALID_ARG, "NULL units added\n");
    ok(record_add_utf16(rec, "X", nul, 1) == RECORD_ERR_INVALID_ARG, "bad key added\n");
    ok(record_add_utf16(NULL, "x", nul, 1) == RECORD_ERR_INVALID_ARG, "NULL record\n");
    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
    {
        snprintf(key, sizeof(key), "invalid%lu", (unsigned long)i);
        record_add_bytes(rec, key, invalid[i].bytes, invalid[i].size);
        ok(record_get_utf16(rec, key, &got, &length) == RECORD_ERR_BAD_VALUE && got == (uint16_t *)1,
           "%s: invalid WTF-8 decoded\n", key);
    }
    ok(record_get_utf16(rec, "ascii", &got, NULL) == RECORD_ERR_INVALID_ARG, "NULL length\n");
    ok(record_get_utf16(rec, "missing", &got, &length) == RECORD_ERR_NOT_FOUND, "missing key\n");
    for (i = 0; i < 200; i++)
    {
        size_t count = random_below(300);
        for (j = 0; j < count; j++)
        {
            uint32_t kind = random_below(4);
            random_units[j] = (uint16_t)(kind == 0 ? random_below(0x80) : kind == 1 ? 0xd800 + random_below(0x800)
                                                                                    : random64());
        }
        snprintf(key, sizeof(key), "random%lu", (unsigned long)i);
        ok(record_add_utf16(rec, key, random_units, count) == RECORD_OK, "%s: add failed\n", key);
        copy = reparse(rec, key);
        ok(record_get_utf16(copy, key, &got, &length) == RECORD_OK && length == count
           && !memcmp(got, random_units, count * 2), "%s: did not come back\n", key);
        free(got);
        record_free(copy);
    }
    record_free(rec);
}

/* Values that are not what the typed adds write: each getter refuses them. */
static void test_strict_getters(void)
{
    static const char *const not_u64[] = { "", "-1", "+1", " 1", "1 ", "01", "00", "1a", "0x10", "1e3", "1.0",
        "18446744073709551616", "99999999999999999999", "184467440737095516150" };
    static const char *const not_i64[] = { "", "-", "-0", "--1", "+1", "-01", "9223372036854775808",
        "-9223372036854775809", "1-" };
    static const char *const not_double[] = { "", "nan", "NAN", "inf", "-inf", "infinity", "1e999", "-1e400",
        "0x1p3", "1.", ".5", "-.5", "1e", "1e+", " 1", "1 ", "+1", "1,5", "1.5.5", "--1", "1e5.5",
        "123456789012345678901234567890123" };
    static const char *const doubles[] = { "0", "-0", "1e-400", "1E5", "1e+05", "1.5e-005", "12345678901234567890" };
    static const char *const not_bool[] = { "", "2", "00", "01", "true", "yes", "-1", " 1" };
    record *rec;
    uint64_t u = 5;
    int64_t s = 5;
    double d = 5;
    int b = 5;
    size_t i;

    for (i = 0; i < sizeof(not_u64) / sizeof(not_u64[0]); i++)
    {
        record_create("x", &rec);
        record_add_string(rec, "v", not_u64[i]);
        ok(record_get_u64(rec, "v", &u) == RECORD_ERR_BAD_VALUE && u == 5, "\"%s\" read as u64\n", not_u64[i]);
        record_free(rec);
    }
    for (i = 0; i < sizeof(not_i64) / sizeof(not_i64[0]); i++)
    {
        record_create("x", &rec);
        record_add_string(rec, "v", not_i64[i]);
        ok(record_get_i64(rec, "v", &s) == RECORD_ERR_BAD_VALUE && s == 5, "\"%s\" read as i64\n", not_i64[i]);
        record_free(rec);
    }
    for (i = 0; i < sizeof(not_double) / sizeof(not_double[0]); i++)
    {
        record_create("x", &rec);
        record_add_string(rec, "v", not_double[i]);
        ok(record_get_double(rec, "v", &d) == RECORD_ERR_BAD_VALUE && d == 5, "\"%s\" read as double\n",
           not_double[i]);
        record_free(rec);
    }
    for (i = 0; i < sizeof(doubles) / sizeof(doubles[0]); i++)
    {
        record_create("x", &rec);
        record_add_string(rec, "v", doubles[i]);
        ok(record_get_double(rec, "v", &d) == RECORD_OK && d == strtod(doubles[i], NULL), "\"%s\" refused\n",
           doubles[i]);
        record_free(rec);
    }
    for (i = 0; i < sizeof(not_bool) / sizeof(not_bool[0]); i++)
    {
        record_create("x", &rec);
        record_add_string(rec, "v", not_bool[i]);
        ok(record_get_bool(rec, "v", &b) == RECORD_ERR_BAD_VALUE && b == 5, "\"%s\" read as bool\n", not_bool[i]);
        record_free(rec);
    }
    record_create("x", &rec);
    record_add_bytes(rec, "v", "1\0", 2);
    ok(record_get_u64(rec, "v", &u) == RECORD_ERR_BAD_VALUE, "\"1\\0\" read as u64\n");
    ok(record_get_double(rec, "v", &d) == RECORD_ERR_BAD_VALUE, "\"1\\0\" read as double\n");
    ok(record_get_bool(rec, "v", &b) == RECORD_ERR_BAD_VALUE, "\"1\\0\" read as bool\n");
    record_free(rec);
}

/* Texts sealed with a valid end line that must still fail, and how. */
static void test_parse_errors(void)
{
    static const struct { const char *text; record_status status; } cases[] = {
        { "fxscomex-record 1 job\n", RECORD_OK },
        { "fxscomex-record 1 job\na=\n", RECORD_OK },
        { "fxscomex-record 1 job\na=\xff\xfe\x80\n", RECORD_OK },           /* any bytes in values */
        { "fxscomex-record 1 a.b_c9\nend=1\nend1=2\n", RECORD_OK },
        { "fxscomex-record 2 job\n", RECORD_ERR_VERSION },
        { "fxscomex-record 999999999 job\n", RECORD_ERR_VERSION },
        { "fxscomex-record 0 job\n", RECORD_ERR_VERSION },
        { "fxscomex-record 01 job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1000000000 job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record  1 job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1  job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job \n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 \n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 Job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\r\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 a2345678901234567890123456789012345678901234567890123456789012345\n",
          RECORD_ERR_CORRUPT },
        { "Fxscomex-record 1 job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record-1 job\n", RECORD_ERR_CORRUPT },
        { "\xef\xbb\xbf" "fxscomex-record 1 job\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\n\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\n=a\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\nA=1\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na b=1\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=1\na=2\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=1\nb=1\na=1\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=\\t\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=\\x41\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=\\N\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=x\\\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=\\\\\\\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=x\ry\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\na=x\r\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\n"
          "a2345678901234567890123456789012345678901234567890123456789012345=1\n", RECORD_ERR_CORRUPT },
        { "fxscomex-record 1 job\nend 0 00000000\n", RECORD_ERR_CORRUPT },  /* sealed after a fake end line */
    };
    static const char *const unsealed[] = {
        "fxscomex-record 1 job\nend 22 D518747D",            /* no final LF */
        "fxscomex-record 1 job\nend 22 d518747d\n",          /* lowercase CRC */
        "fxscomex-record 1 job\nend 022 D518747D\n",         /* leading zero */
        "fxscomex-record 1 job\nend  22 D518747D\n",
        "fxscomex-record 1 job\nend 22  D518747D\n",
        "fxscomex-record 1 job\nend 22 D518747D \n",
        "fxscomex-record 1 job\nend 22 D518747\n",
        "fxscomex-record 1 job\nend 22 0D518747D\n",
        "fxscomex-record 1 job\nend 22 D518747D\r\n",
        "fxscomex-record 1 job\nend 22\n",
        "fxscomex-record 1 job\nend\n",
        "fxscomex-record 1 job\nend \n",
        "fxscomex-record 1 job\nEND 22 D518747D\n",
        "fxscomex-record 1 job\nend 22 D518747D\n\n",
        "fxscomex-record 1 job\nend 22 D518747D\nend 22 D518747D\n",
        "fxscomex-record 1 job\nend 21 D518747D\n",
        "fxscomex-record 1 job\nend 18446744073709551616 D518747D\n",
        "fxscomex-record 1 job\nend -22 D518747D\n",
        "",
        "\n",
        "f",
        "fxscomex-record",
        "fxscomex-record ",
        "fxscomex-record 1",
        "fxscomex-record 1 ",
        "fxscomex-record 1 job",
        "fxscomex-record 1 job\n",
        "garbage",
    };
    char valid[64];
    record *rec = (record *)1;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ok(parse_sealed_status(cases[i].text) == cases[i].status, "case %lu: %s\n", (unsigned long)i,
           record_status_text(parse_sealed_status(cases[i].text)));

    /* the valid form of the unsealed texts, to be sure they fail for the reason tested */
    snprintf(valid, sizeof(valid), "fxscomex-record 1 job\nend 22 %08lX\n",
             (unsigned long)record_crc32("fxscomex-record 1 job\n", 22));
    ok(!strcmp(valid, "fxscomex-record 1 job\nend 22 D518747D\n"), "empty job record: %s\n", valid);
    ok(record_parse(valid, strlen(valid), &rec) == RECORD_OK && rec && !record_count(rec), "empty job record\n");
    record_free(rec);
    for (i = 0; i < sizeof(unsealed) / sizeof(unsealed[0]); i++)
    {
        record_status status = record_parse(unsealed[i], strlen(unsealed[i]), &rec);
        ok(status != RECORD_OK && !rec, "unsealed case %lu parsed\n", (unsigned long)i);
        ok(status == RECORD_ERR_TRUNCATED || status == RECORD_ERR_CORRUPT, "unsealed case %lu: %s\n",
           (unsigned long)i, record_status_text(status));
    }
    ok(record_parse(NULL, 5, &rec) == RECORD_ERR_INVALID_ARG, "NULL data\n");
    ok(record_parse(valid, strlen(valid), NULL) == RECORD_ERR_INVALID_ARG, "NULL output\n");
    ok(record_parse(NULL, 0, &rec) == RECORD_ERR_TRUNCATED && !rec, "empty data\n");
}

/* A record with every kind of value, to be damaged. */
static record *sample_record(void)
{
    static const uint16_t name[] = { 'J', 0xf6, 'r', 'g', 0, 0xd83d, 0xde00, 0xdc00 };
    record *rec;

    record_create("job", &rec);
    record_add_u64(rec, "id", 0x1a2);
    record_add_string(rec, "subject", "Quarterly report\\2026\r\nPage 2");
    record_add_utf16(rec, "sender.name", name, 8);
    record_add_bytes(rec, "blob", "\0\1\2\\\n\r\xff", 7);
    record_add_i64(rec, "priority", -2);
    record_add_double(rec, "scheduled", 46000.123456789);
    record_add_bool(rec, "receipt", 1);
    record_add_u64(rec, "pages", 3);
    record_add_string(rec, "empty", "");
    return rec;
}

static void test_truncations(void)
{
    unsigned truncated = 0;
    uint8_t *data;
    record *rec = sample_record(), *copy;
    size_t size, length;

    record_serialize(rec, &data, &size);
    for (length = 0; length < size; length++)
    {
        uint8_t *prefix = malloc(length ? length : 1);  /* exactly length bytes, for ASan */
        record_status status;

        memcpy(prefix, data, length);
        status = record_parse(prefix, length, &copy);
        if (status == RECORD_ERR_TRUNCATED && !copy)
            truncated++;
        else
            ok(0, "cut at %lu of %lu: %s\n", (unsigned long)length, (unsigned long)size, record_status_text(status));
        free(prefix);
    }
    ok(truncated == size, "%u of %lu truncations detected\n", truncated, (unsigned long)size);
    printf("record_test.c: %u truncations of a %lu-byte record rejected as truncated\n", truncated,
           (unsigned long)size);
    free(data);
    record_free(rec);
}

/* Every byte of the record replaced by each of the 255 other values. A change of a value's byte
 * that a writer re-seals with a new end line is a different valid record, not damage: without the
 * re-sealing, the CRC (which catches every error within 32 consecutive bits) and the strict end
 * line make every single-byte change fail, as this checks. */
static void test_single_byte_changes(void)
{
    unsigned counts[RECORD_ERR_INVALID_ARG + 1] = { 0 }, total = 0;
    record *rec = sample_record(), *copy;
    uint8_t *data;
    size_t size, pos;
    unsigned value;

    record_serialize(rec, &data, &size);
    for (pos = 0; pos < size; pos++)
    {
        uint8_t original = data[pos];
        for (value = 0; value < 256; value++)
        {
            record_status status;
            if (value == original)
                continue;
            data[pos] = (uint8_t)value;
            status = record_parse(data, size, &copy);
            counts[status]++;
            total++;
            if (status == RECORD_OK)
            {
                ok(0, "byte %lu set to 0x%02x still parses\n", (unsigned long)pos, value);
                record_free(copy);
            }
        }
        data[pos] = original;
    }
    ok(counts[RECORD_OK] == 0 && total == size * 255, "%u of %u changes parsed\n", counts[RECORD_OK], total);
    printf("record_test.c: %u single-byte changes: %u corrupt, %u truncated, %u version\n", total,
           counts[RECORD_ERR_CORRUPT], counts[RECORD_ERR_TRUNCATED], counts[RECORD_ERR_VERSION]);
    free(data);
    record_free(rec);
}

/* Reads every field with every getter: none may misbehave on any value. */
static void read_every_way(const record *rec)
{
    size_t i, size;
    for (i = 0; i < record_count(rec); i++)
    {
        const char *key, *text;
        const uint8_t *bytes;
        uint16_t *units = NULL;
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

static void mutate(struct buffer *buffer)
{
    static const char interesting[] = "\\\n\r\0=.-0123456789aend fxscomex-record";
    size_t pos = buffer->size ? random_below((uint32_t)buffer->size) : 0, length;
    uint8_t byte = random_below(2) ? (uint8_t)random64() : (uint8_t)interesting[random_below(sizeof(interesting) - 1)];

    switch (random_below(6))
    {
    case 0:  /* replace a byte */
        if (buffer->size)
            buffer->data[pos] = byte;
        break;
    case 1:  /* insert a byte */
        append(buffer, "", 1);
        memmove(buffer->data + pos + 1, buffer->data + pos, buffer->size - pos - 1);
        buffer->data[pos] = byte;
        break;
    case 2:  /* delete a range */
        length = random_below((uint32_t)(buffer->size - pos) + 1);
        memmove(buffer->data + pos, buffer->data + pos + length, buffer->size - pos - length);
        buffer->size -= length;
        break;
    case 3:  /* repeat a range (lines, keys) */
        length = random_below((uint32_t)(buffer->size - pos) + 1);
        {
            uint8_t *copy = malloc(length + 1);
            memcpy(copy, buffer->data + pos, length);
            append(buffer, copy, length);
            memmove(buffer->data + pos + length, buffer->data + pos, buffer->size - pos - length);
            memcpy(buffer->data + pos, copy, length);
            free(copy);
        }
        break;
    case 4:  /* cut */
        buffer->size = pos;
        break;
    default:  /* flip one bit */
        if (buffer->size)
            buffer->data[pos] ^= (uint8_t)(1u << random_below(8));
        break;
    }
}

/* Removes a trailing end line (if the data ends with one) and seals again. */
static void reseal(struct buffer *buffer)
{
    size_t start = buffer->size;

    if (start && buffer->data[start - 1] == '\n')
        start--;
    while (start && buffer->data[start - 1] != '\n')
        start--;
    if (buffer->size - start >= 4 && !memcmp(buffer->data + start, "end ", 4))
        buffer->size = start;
    seal(buffer);
}

static void test_mutations(void)
{
    unsigned i, parsed = 0, sealed_parsed = 0, sealed = 0, canonical = 0;
    record *bases[3], *rec;
    struct buffer buffer;

    bases[0] = sample_record();
    record_create("config.outbox", &bases[1]);
    record_add_u64(bases[1], "retries", 3);
    record_add_u64(bases[1], "retry_delay", 10);
    record_add_bool(bases[1], "branding", 1);
    record_add_double(bases[1], "discount_start", 0.75);
    record_create("empty", &bases[2]);

    for (i = 0; i < 20000; i++)
    {
        unsigned count = 1 + random_below(8), j;
        uint8_t *data;
        size_t size;
        int resealed = random_below(2);

        record_serialize(bases[random_below(3)], &data, &size);
        buffer.data = data;
        buffer.size = size;
        for (j = 0; j < count; j++)
            mutate(&buffer);
        if (resealed)
        {
            reseal(&buffer);
            sealed++;
        }
        /* an exact-size copy, so that ASan sees any read past the end */
        data = malloc(buffer.size ? buffer.size : 1);
        memcpy(data, buffer.data, buffer.size);
        if (record_parse(data, buffer.size, &rec) == RECORD_OK)
        {
            uint8_t *again;
            size_t again_size;
            parsed++;
            sealed_parsed += resealed;
            record_serialize(rec, &again, &again_size);
            canonical += again_size == buffer.size && !memcmp(again, data, again_size);
            read_every_way(rec);
            free(again);
            record_free(rec);
        }
        free(data);
        free(buffer.data);
    }
    ok(canonical == parsed, "%u of %u parsed mutants serialize to other bytes\n", parsed - canonical, parsed);
    ok(sealed_parsed > 100, "only %u re-sealed mutants parsed: the line parser is not exercised\n", sealed_parsed);
    printf("record_test.c: 20000 mutants (%u re-sealed): %u parsed (%u re-sealed), all canonical\n", sealed, parsed,
           sealed_parsed);
    for (i = 0; i < 3; i++)
        record_free(bases[i]);

    /* random bytes behind a valid first line */
    for (i = 0; i < 5000; i++)
    {
        size_t length = random_below(300), j;
        buffer.data = NULL;
        buffer.size = 0;
        append_text(&buffer, "fxscomex-record 1 job\n");
        for (j = 0; j < length; j++)
        {
            uint8_t byte = random_below(3) ? (uint8_t)"ab=\\n0\n"[random_below(7)] : (uint8_t)random64();
            append(&buffer, &byte, 1);
        }
        if (i & 1)
            seal(&buffer);
        if (record_parse(buffer.data, buffer.size, &rec) == RECORD_OK)
        {
            read_every_way(rec);
            record_free(rec);
        }
        free(buffer.data);
    }
    ok(1, "random data survived\n");
}

/* The limits: RECORD_MAX_LINE, RECORD_MAX_FIELDS, RECORD_MAX_SIZE, when adding and when parsing. */
static void test_limits(void)
{
    size_t largest = RECORD_MAX_LINE - 2;  /* "k=" + value */
    uint8_t *value = malloc(RECORD_MAX_LINE + 1), *data;
    struct buffer buffer = { NULL, 0 };
    record *rec, *copy;
    size_t size, i;
    char key[32];

    memset(value, 'v', RECORD_MAX_LINE + 1);
    record_create("x", &rec);
    ok(record_add_bytes(rec, "k", value, largest + 1) == RECORD_ERR_TOO_LARGE, "line over the limit\n");
    value[0] = '\\';
    ok(record_add_bytes(rec, "k", value, largest) == RECORD_ERR_TOO_LARGE, "escaped line over the limit\n");
    value[0] = 'v';
    ok(record_add_bytes(rec, "k", value, largest) == RECORD_OK, "longest line refused\n");
    ok(record_count(rec) == 1, "failed adds left fields\n");
    copy = reparse(rec, "longest line");
    record_free(copy);
    record_free(rec);

    /* a line one byte too long, sealed */
    append_text(&buffer, "fxscomex-record 1 x\nk=");
    append(&buffer, value, largest + 1);
    append_text(&buffer, "\n");
    seal(&buffer);
    ok(record_parse(buffer.data, buffer.size, &rec) == RECORD_ERR_TOO_LARGE && !rec, "long line parsed\n");
    free(buffer.data);

    /* fields */
    record_create("x", &rec);
    for (i = 0; i < RECORD_MAX_FIELDS; i++)
    {
        snprintf(key, sizeof(key), "f%lu", (unsigned long)i);
        if (record_add_u64(rec, key, i) != RECORD_OK)
            break;
    }
    ok(i == RECORD_MAX_FIELDS, "only %lu fields\n", (unsigned long)i);
    ok(record_add_u64(rec, "one_more", 1) == RECORD_ERR_TOO_LARGE, "field over the limit\n");
    ok(record_add_u64(rec, "f7", 1) == RECORD_ERR_EXISTS, "duplicate at the limit\n");
    copy = reparse(rec, "most fields");
    ok(record_count(copy) == RECORD_MAX_FIELDS, "fields lost\n");
    record_free(copy);
    record_serialize(rec, &data, &size);
    buffer.data = NULL;
    buffer.size = 0;
    append(&buffer, data, size - 16);  /* drop "end NNNNN XXXXXXXX\n"... */
    while (buffer.size && buffer.data[buffer.size - 1] != '\n')
        buffer.size--;
    append_text(&buffer, "one_more=1\n");
    seal(&buffer);
    ok(record_parse(buffer.data, buffer.size, &copy) == RECORD_ERR_TOO_LARGE && !copy, "too many fields parsed\n");
    free(buffer.data);
    free(data);
    record_free(rec);

    /* size: fill with the longest lines, then exactly to RECORD_MAX_SIZE */
    record_create("x", &rec);
    for (i = 0; ; i++)
    {
        key[0] = (char)('a' + i);  /* one-letter keys: the longest value fits */
        key[1] = 0;
        if (record_add_bytes(rec, key, value, largest) != RECORD_OK)
            break;
    }
    record_serialize(rec, &data, &size);
    free(data);
    {
        size_t room = RECORD_MAX_SIZE - size;  /* "z=" + value + LF */
        ok(record_add_bytes(rec, "z", value, room - 2) == RECORD_ERR_TOO_LARGE, "record over the size limit\n");
        ok(record_add_bytes(rec, "z", value, room - 3) == RECORD_OK, "record at the size limit refused\n");
    }
    record_serialize(rec, &data, &size);
    ok(size == RECORD_MAX_SIZE, "largest record is %lu bytes\n", (unsigned long)size);
    ok(record_parse(data, size, &copy) == RECORD_OK, "largest record not parsed\n");
    record_free(copy);
    ok(record_parse(data, size + 0, &copy) == RECORD_OK, "largest record not parsed again\n");
    record_free(copy);
    free(data);
    data = calloc(1, RECORD_MAX_SIZE + 1);
    ok(record_parse(data, RECORD_MAX_SIZE + 1, &copy) == RECORD_ERR_TOO_LARGE && !copy, "oversized data\n");
    free(data);
    record_free(rec);
    free(value);
}

/* Random records of random typed values: serialize, parse, compare field by field. */
static void test_random_records(void)
{
    unsigned i, j;

    for (i = 0; i < 500; i++)
    {
        unsigned count = random_below(40);
        record *rec, *copy;
        char key[32];

        record_create(random_below(2) ? "job" : "message", &rec);
        for (j = 0; j < count; j++)
        {
            uint8_t bytes[64];
            unsigned k, length = random_below(64);
            snprintf(key, sizeof(key), "k%u.%u", j, random_below(1000));
            for (k = 0; k < length; k++)
                bytes[k] = (uint8_t)random64();
            switch (random_below(4))
            {
            case 0: record_add_bytes(rec, key, bytes, length); break;
            case 1: record_add_u64(rec, key, random64()); break;
            case 2: record_add_i64(rec, key, (int64_t)random64()); break;
            default: record_add_bool(rec, key, (int)random_below(2)); break;
            }
        }
        copy = reparse(rec, "random record");
        ok(copy && record_count(copy) == record_count(rec) && !strcmp(record_kind(copy), record_kind(rec)),
           "random record %u\n", i);
        for (j = 0; copy && j < record_count(rec); j++)
        {
            const char *key1, *key2;
            const uint8_t *value1, *value2;
            size_t size1, size2;
            record_field(rec, j, &key1, &value1, &size1);
            record_field(copy, j, &key2, &value2, &size2);
            if (strcmp(key1, key2) || size1 != size2 || memcmp(value1, value2, size1))
                ok(0, "random record %u, field %u differs\n", i, j);
        }
        record_free(copy);
        record_free(rec);
    }
}

int main(void)
{
    const char *seed = getenv("RECORD_TEST_SEED");
    clock_t start = clock();

    if (seed)
        random_state = strtoull(seed, NULL, 0) | 1;
    printf("record_test.c: random seed 0x%llx\n", (unsigned long long)random_state);

    test_status_text();
    test_crc();
    test_keys();
    test_known_bytes();
    test_strings();
    test_integers();
    test_doubles();
    test_utf16();
    test_strict_getters();
    test_parse_errors();
    test_truncations();
    test_single_byte_changes();
    test_mutations();
    test_limits();
    test_random_records();

    printf("record_test.c: %.1f s of CPU\n", (double)(clock() - start) / CLOCKS_PER_SEC);
    printf("record_test: %u tests executed (0 marked as todo, %u failures), 0 skipped.\n", tests_executed,
           tests_failed);
    return tests_failed > 255 ? 255 : (int)tests_failed;
}
