/*
 * Records: the text format of everything the fax service keeps on disk (queued jobs, archived
 * messages' metadata, configuration classes). A record is a kind and an ordered list of unique
 * key/value pairs; it serializes to text a person can read (UTF-8 when the values are) and that
 * a crash, a truncation or a flipped byte can never turn into another valid record:
 *
 *     fxscomex-record 1 job           magic, format version, kind
 *     id=00000000000001A2             one key=value line per field, in the order added
 *     subject=Report\nPage 2          the value "Report<LF>Page 2", escaped
 *     pages=3
 *     end 73 4707FF83                 size of the lines above, their CRC-32
 *
 * (each line ends with one LF, the last one included; no CR anywhere).
 *
 * - The first line is "fxscomex-record <version> <kind>": RECORD_FORMAT_VERSION, and a kind made
 *   of key characters. A file whose version is not this one fails with RECORD_ERR_VERSION (a
 *   newer service's file is not corrupt, and must not be treated as if it were).
 * - Keys are 1 to RECORD_MAX_KEY characters of [a-z0-9_.], unique within a record.
 * - Values are any bytes. Four are escaped: backslash as \\, line feed as \n, carriage return as
 *   \r, NUL as \0; every other byte is written as it is. No other escape exists, and a raw CR or
 *   NUL in a value line is an error: every record has exactly one serialization, so that parse
 *   followed by serialize gives back the input byte for byte.
 * - The last line is "end <length> <crc>": length in decimal without leading zeros, crc as 8
 *   uppercase hex digits, the CRC-32 (IEEE 802.3, as zlib's crc32) of the <length> bytes before
 *   this line, and a final line feed. CRC-32 detects every error confined to 32 consecutive bits,
 *   so every single-byte change and every truncation is caught.
 * - Typed values are text: integers in decimal (no sign for unsigned, "-" for negative, no
 *   leading zeros), doubles as printf "%.17g" (exact round trip; NaN and infinities are refused),
 *   booleans as 0 or 1, UTF-16 strings (BSTRs, embedded NULs and unpaired surrogates included) as
 *   WTF-8: UTF-8 that also encodes an unpaired surrogate as its own three bytes.
 *
 * Pure C99 on memory buffers: no file I/O, no Win32, no global state; every function may run on
 * any thread (one record is not for concurrent writers). record_parse() is the entry point to
 * fuzz: whatever the bytes, it reads nothing outside data[0..size) and its work is linear in size
 * (plus a hash table for the keys).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXS_RECORD_H
#define FXS_RECORD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum record_status
{
    RECORD_OK = 0,
    RECORD_ERR_TRUNCATED,     /* parse: the data stops before a complete "end" line */
    RECORD_ERR_CORRUPT,       /* parse: bad magic, CRC or length mismatch, bad line, escape or key,
                                 duplicate key */
    RECORD_ERR_TOO_LARGE,     /* beyond RECORD_MAX_SIZE, RECORD_MAX_LINE or RECORD_MAX_FIELDS */
    RECORD_ERR_NO_MEMORY,
    RECORD_ERR_VERSION,       /* parse: a well-formed first line with another format version */
    RECORD_ERR_NOT_FOUND,     /* get: no such key */
    RECORD_ERR_BAD_VALUE,     /* get: the value is not of the type asked, or out of its range */
    RECORD_ERR_EXISTS,        /* add: the key is already in the record */
    RECORD_ERR_INVALID_ARG    /* the caller's mistake: NULL, a key or kind not of [a-z0-9_.],
                                 a NaN or infinite double */
} record_status;

/* A short English description ("record truncated"), never NULL. */
const char *record_status_text(record_status status);

#define RECORD_FORMAT_VERSION 1
#define RECORD_MAGIC          "fxscomex-record"

/* Limits, enforced both when building and when parsing. */
#define RECORD_MAX_KEY    64u                   /* characters of a key, and of a kind */
#define RECORD_MAX_LINE   (1024u * 1024u)       /* bytes of one serialized line, without its LF */
#define RECORD_MAX_FIELDS 4096u                 /* fields in one record */
#define RECORD_MAX_SIZE   (16u * 1024u * 1024u) /* bytes of a whole serialized record */

typedef struct record record;

/* A new empty record of the given kind (1 to RECORD_MAX_KEY characters of [a-z0-9_.]). */
record_status record_create(const char *kind, record **out);
void record_free(record *rec);

/* The kind, as NUL-terminated text. */
const char *record_kind(const record *rec);

/* Whether text is a valid key (and so a valid kind). */
int record_key_valid(const char *text);

/*
 * Adding fields. Each fails with RECORD_ERR_INVALID_ARG for a bad key, RECORD_ERR_EXISTS when the
 * key is already there, RECORD_ERR_TOO_LARGE when a limit would be passed, and then leaves the
 * record as it was.
 */
record_status record_add_string(record *rec, const char *key, const char *value);
record_status record_add_bytes(record *rec, const char *key, const void *value, size_t size);
record_status record_add_utf16(record *rec, const char *key, const uint16_t *value, size_t length);
record_status record_add_u64(record *rec, const char *key, uint64_t value);
record_status record_add_i64(record *rec, const char *key, int64_t value);
record_status record_add_double(record *rec, const char *key, double value);
record_status record_add_bool(record *rec, const char *key, int value);

/* The serialized record in a malloc'ed buffer (release it with free()). */
record_status record_serialize(const record *rec, uint8_t **data, size_t *size);

/* Parses a serialized record; on failure *out is NULL. See the format above for what fails. */
record_status record_parse(const void *data, size_t size, record **out);

/*
 * Reading fields. Each fails with RECORD_ERR_NOT_FOUND for a missing key and RECORD_ERR_BAD_VALUE
 * when the text is not exactly what the matching record_add_* writes, or is out of the type's
 * range; on failure the output is left as it was, so a caller may preset a default value.
 */
/* A value without NUL bytes, as NUL-terminated text owned by the record. */
record_status record_get_string(const record *rec, const char *key, const char **value);
/* Any value, owned by the record (followed by a NUL that size does not count). */
record_status record_get_bytes(const record *rec, const char *key, const uint8_t **value, size_t *size);
/* A WTF-8 value as UTF-16 in a malloc'ed buffer with a terminating 0 that length does not count. */
record_status record_get_utf16(const record *rec, const char *key, uint16_t **value, size_t *length);
record_status record_get_u64(const record *rec, const char *key, uint64_t *value);
record_status record_get_i64(const record *rec, const char *key, int64_t *value);
record_status record_get_u32(const record *rec, const char *key, uint32_t *value);
record_status record_get_i32(const record *rec, const char *key, int32_t *value);
record_status record_get_double(const record *rec, const char *key, double *value);
/* *value becomes 0 or 1. */
record_status record_get_bool(const record *rec, const char *key, int *value);
int record_has(const record *rec, const char *key);

/* Iteration in the order of the file: index from 0 to record_count() - 1. */
size_t record_count(const record *rec);
record_status record_field(const record *rec, size_t index, const char **key, const uint8_t **value, size_t *size);

/* CRC-32 (IEEE 802.3, reflected, as zlib's crc32(0, data, size)). */
uint32_t record_crc32(const void *data, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* FXS_RECORD_H */
