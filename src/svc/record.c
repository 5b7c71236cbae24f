/*
 * Records (record.h): building, serializing, parsing and reading the key/value text files of the
 * fax service. Parsing takes bytes from disk, which a crash, a full disk or a person may have
 * damaged: every length is checked before use, sizes are size_t and can never wrap (every total
 * is bounded by RECORD_MAX_SIZE first), nothing recurses.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

/* msvcrt's printf and strtod are not exact for every double; MinGW's own (gdtoa) are. Its
 * stdlib.h already maps strtod to the exact one. The parsing side assumes the "C" locale, which
 * a program has unless it calls setlocale: the service never does. */
#ifdef __MINGW32__
#define format_g17(buffer, size, value) __mingw_snprintf(buffer, size, "%.17g", value)
#else
#define format_g17(buffer, size, value) snprintf(buffer, size, "%.17g", value)
#endif

#define MAGIC_LENGTH (sizeof(RECORD_MAGIC) - 1)
#define END_PREFIX "end "
#define MAX_VERSION_DIGITS 9
#define MAX_DOUBLE_TEXT 32     /* "%.17g" writes at most 24 characters */
#define MAX_END_LINE 32        /* "end " + 8 digits + " " + 8 hex digits + LF, with room */

struct field
{
    char *key;          /* NUL-terminated; key and value share one malloc'ed block */
    uint8_t *value;     /* followed by a NUL */
    size_t key_length;
    size_t size;
    size_t line;        /* bytes of the serialized line, LF included */
};

struct record
{
    char kind[RECORD_MAX_KEY + 1];
    struct field *fields;
    size_t count;
    size_t capacity;
    uint32_t *slots;    /* open-addressing hash of the keys: field index + 1, 0 when empty */
    size_t slot_count;  /* a power of two, at least twice the capacity */
    size_t size;        /* serialized bytes before the end line */
};

const char *record_status_text(record_status status)
{
    switch (status)
    {
    case RECORD_OK: return "success";
    case RECORD_ERR_TRUNCATED: return "record truncated";
    case RECORD_ERR_CORRUPT: return "record corrupt";
    case RECORD_ERR_TOO_LARGE: return "record beyond a size limit";
    case RECORD_ERR_NO_MEMORY: return "out of memory";
    case RECORD_ERR_VERSION: return "record of another format version";
    case RECORD_ERR_NOT_FOUND: return "no such key in the record";
    case RECORD_ERR_BAD_VALUE: return "value not of the type or range asked";
    case RECORD_ERR_EXISTS: return "key already in the record";
    case RECORD_ERR_INVALID_ARG: return "invalid argument";
    }
    return "unknown record status";
}

/* CRC-32 */

/* The table of the reflected polynomial 0xEDB88320, constant so that threads share it safely. */
static const uint32_t crc_table[256] =
{
    0x00000000, 0x77073096, 0xee0e612c, 0x990951ba, 0x076dc419, 0x706af48f,
    0xe963a535, 0x9e6495a3, 0x0edb8832, 0x79dcb8a4, 0xe0d5e91e, 0x97d2d988,
    0x09b64c2b, 0x7eb17cbd, 0xe7b82d07, 0x90bf1d91, 0x1db71064, 0x6ab020f2,
    0xf3b97148, 0x84be41de, 0x1adad47d, 0x6ddde4eb, 0xf4d4b551, 0x83d385c7,
    0x136c9856, 0x646ba8c0, 0xfd62f97a, 0x8a65c9ec, 0x14015c4f, 0x63066cd9,
    0xfa0f3d63, 0x8d080df5, 0x3b6e20c8, 0x4c69105e, 0xd56041e4, 0xa2677172,
    0x3c03e4d1, 0x4b04d447, 0xd20d85fd, 0xa50ab56b, 0x35b5a8fa, 0x42b2986c,
    0xdbbbc9d6, 0xacbcf940, 0x32d86ce3, 0x45df5c75, 0xdcd60dcf, 0xabd13d59,
    0x26d930ac, 0x51de003a, 0xc8d75180, 0xbfd06116, 0x21b4f4b5, 0x56b3c423,
    0xcfba9599, 0xb8bda50f, 0x2802b89e, 0x5f058808, 0xc60cd9b2, 0xb10be924,
    0x2f6f7c87, 0x58684c11, 0xc1611dab, 0xb6662d3d, 0x76dc4190, 0x01db7106,
    0x98d220bc, 0xefd5102a, 0x71b18589, 0x06b6b51f, 0x9fbfe4a5, 0xe8b8d433,
    0x7807c9a2, 0x0f00f934, 0x9609a88e, 0xe10e9818, 0x7f6a0dbb, 0x086d3d2d,
    0x91646c97, 0xe6635c01, 0x6b6b51f4, 0x1c6c6162, 0x856530d8, 0xf262004e,
    0x6c0695ed, 0x1b01a57b, 0x8208f4c1, 0xf50fc457, 0x65b0d9c6, 0x12b7e950,
    0x8bbeb8ea, 0xfcb9887c, 0x62dd1ddf, 0x15da2d49, 0x8cd37cf3, 0xfbd44c65,
    0x4db26158, 0x3ab551ce, 0xa3bc0074, 0xd4bb30e2, 0x4adfa541, 0x3dd895d7,
    0xa4d1c46d, 0xd3d6f4fb, 0x4369e96a, 0x346ed9fc, 0xad678846, 0xda60b8d0,
    0x44042d73, 0x33031de5, 0xaa0a4c5f, 0xdd0d7cc9, 0x5005713c, 0x270241aa,
    0xbe0b1010, 0xc90c2086, 0x5768b525, 0x206f85b3, 0xb966d409, 0xce61e49f,
    0x5edef90e, 0x29d9c998, 0xb0d09822, 0xc7d7a8b4, 0x59b33d17, 0x2eb40d81,
    0xb7bd5c3b, 0xc0ba6cad, 0xedb88320, 0x9abfb3b6, 0x03b6e20c, 0x74b1d29a,
    0xead54739, 0x9dd277af, 0x04db2615, 0x73dc1683, 0xe3630b12, 0x94643b84,
    0x0d6d6a3e, 0x7a6a5aa8, 0xe40ecf0b, 0x9309ff9d, 0x0a00ae27, 0x7d079eb1,
    0xf00f9344, 0x8708a3d2, 0x1e01f268, 0x6906c2fe, 0xf762575d, 0x806567cb,
    0x196c3671, 0x6e6b06e7, 0xfed41b76, 0x89d32be0, 0x10da7a5a, 0x67dd4acc,
    0xf9b9df6f, 0x8ebeeff9, 0x17b7be43, 0x60b08ed5, 0xd6d6a3e8, 0xa1d1937e,
    0x38d8c2c4, 0x4fdff252, 0xd1bb67f1, 0xa6bc5767, 0x3fb506dd, 0x48b2364b,
    0xd80d2bda, 0xaf0a1b4c, 0x36034af6, 0x41047a60, 0xdf60efc3, 0xa867df55,
    0x316e8eef, 0x4669be79, 0xcb61b38c, 0xbc66831a, 0x256fd2a0, 0x5268e236,
    0xcc0c7795, 0xbb0b4703, 0x220216b9, 0x5505262f, 0xc5ba3bbe, 0xb2bd0b28,
    0x2bb45a92, 0x5cb36a04, 0xc2d7ffa7, 0xb5d0cf31, 0x2cd99e8b, 0x5bdeae1d,
    0x9b64c2b0, 0xec63f226, 0x756aa39c, 0x026d930a, 0x9c0906a9, 0xeb0e363f,
    0x72076785, 0x05005713, 0x95bf4a82, 0xe2b87a14, 0x7bb12bae, 0x0cb61b38,
    0x92d28e9b, 0xe5d5be0d, 0x7cdcefb7, 0x0bdbdf21, 0x86d3d2d4, 0xf1d4e242,
    0x68ddb3f8, 0x1fda836e, 0x81be16cd, 0xf6b9265b, 0x6fb077e1, 0x18b74777,
    0x88085ae6, 0xff0f6a70, 0x66063bca, 0x11010b5c, 0x8f659eff, 0xf862ae69,
    0x616bffd3, 0x166ccf45, 0xa00ae278, 0xd70dd2ee, 0x4e048354, 0x3903b3c2,
    0xa7672661, 0xd06016f7, 0x4969474d, 0x3e6e77db, 0xaed16a4a, 0xd9d65adc,
    0x40df0b66, 0x37d83bf0, 0xa9bcae53, 0xdebb9ec5, 0x47b2cf7f, 0x30b5ffe9,
    0xbdbdf21c, 0xcabac28a, 0x53b39330, 0x24b4a3a6, 0xbad03605, 0xcdd70693,
    0x54de5729, 0x23d967bf, 0xb3667a2e, 0xc4614ab8, 0x5d681b02, 0x2a6f2b94,
    0xb40bbe37, 0xc30c8ea1, 0x5a05df1b, 0x2d02ef8d
};

uint32_t record_crc32(const void *data, size_t size)
{
    const uint8_t *p = data;
    uint32_t crc = 0xffffffffu;
    size_t i;

    for (i = 0; i < size; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

/* Keys and numbers as text */

static int is_key_char(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

static int is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

/* The length of the key at text, if it has only key characters and ends at length or at a NUL;
 * 0 when it is not a valid key. */
static size_t key_length(const char *text)
{
    size_t length = 0;

    while (length <= RECORD_MAX_KEY && text[length] && is_key_char((uint8_t)text[length]))
        length++;
    return length && length <= RECORD_MAX_KEY && !text[length] ? length : 0;
}

int record_key_valid(const char *text)
{
    return text && key_length(text) != 0;
}

/* Writes value in decimal without a terminating NUL; returns the number of digits (1 to 20). */
static size_t format_u64(char *out, uint64_t value)
{
    char digits[20];
    size_t count = 0, i;

    do
    {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    for (i = 0; i < count; i++)
        out[i] = digits[count - 1 - i];
    return count;
}

static size_t decimal_length(uint64_t value)
{
    char digits[20];
    return format_u64(digits, value);
}

/* Strict unsigned decimal: 1 to 20 digits, no sign, no leading zero, no overflow. */
static int parse_u64(const uint8_t *text, size_t size, uint64_t *value)
{
    uint64_t result = 0;
    size_t i;

    if (!size || size > 20 || (text[0] == '0' && size > 1))
        return 0;
    for (i = 0; i < size; i++)
    {
        unsigned digit = (unsigned)(text[i] - '0');
        if (!is_digit(text[i]) || result > (UINT64_MAX - digit) / 10)
            return 0;
        result = result * 10 + digit;
    }
    *value = result;
    return 1;
}

/* Strict signed decimal: an optional '-' (never before 0) and a parse_u64 magnitude in range. */
static int parse_i64(const uint8_t *text, size_t size, int64_t *value)
{
    uint64_t magnitude;
    int negative = size && text[0] == '-';

    if (!parse_u64(text + negative, size - negative, &magnitude))
        return 0;
    if (negative)
    {
        if (!magnitude || magnitude > (uint64_t)INT64_MAX + 1)
            return 0;
        *value = -(int64_t)(magnitude - 1) - 1;  /* INT64_MIN without overflow */
        return 1;
    }
    if (magnitude > (uint64_t)INT64_MAX)
        return 0;
    *value = (int64_t)magnitude;
    return 1;
}

static size_t skip_digits(const uint8_t *text, size_t pos, size_t size)
{
    while (pos < size && is_digit(text[pos]))
        pos++;
    return pos;
}

/* The shape "%.17g" writes for a finite double: -?D+(.D+)?(e[+-]?D+)? ; this keeps strtod away
 * from "inf", "nan", hex floats, spaces and signs it would accept. */
static int is_decimal_float(const uint8_t *text, size_t size)
{
    size_t pos = 0, start;

    if (pos < size && text[pos] == '-')
        pos++;
    start = pos;
    if ((pos = skip_digits(text, pos, size)) == start)
        return 0;
    if (pos < size && text[pos] == '.')
    {
        start = ++pos;
        if ((pos = skip_digits(text, pos, size)) == start)
            return 0;
    }
    if (pos < size && (text[pos] == 'e' || text[pos] == 'E'))
    {
        pos++;
        if (pos < size && (text[pos] == '+' || text[pos] == '-'))
            pos++;
        start = pos;
        if ((pos = skip_digits(text, pos, size)) == start)
            return 0;
    }
    return pos == size;
}

static int is_finite(double value)
{
    return value == value && value - value == 0.0;
}

static int parse_double(const uint8_t *text, size_t size, double *value)
{
    char buffer[MAX_DOUBLE_TEXT + 1], *end;
    double result;

    if (size > MAX_DOUBLE_TEXT || !is_decimal_float(text, size))
        return 0;
    memcpy(buffer, text, size);
    buffer[size] = 0;
    result = strtod(buffer, &end);
    if (end != buffer + size || !is_finite(result))
        return 0;
    *value = result;
    return 1;
}

/* Escaping */

static int needs_escape(uint8_t c)
{
    return c == '\\' || c == '\n' || c == '\r' || c == 0;
}

/* The escaped size of a value, or SIZE_MAX when it is over limit. */
static size_t escaped_size(const uint8_t *value, size_t size, size_t limit)
{
    size_t i, total = 0;

    for (i = 0; i < size; i++)
    {
        total += needs_escape(value[i]) ? 2 : 1;
        if (total > limit)
            return SIZE_MAX;
    }
    return total;
}

static uint8_t escape_letter(uint8_t c)
{
    switch (c)
    {
    case '\\': return '\\';
    case '\n': return 'n';
    case '\r': return 'r';
    default: return '0';  /* NUL, the only other byte needs_escape() names */
    }
}

static size_t write_escaped(uint8_t *out, const uint8_t *value, size_t size)
{
    size_t i, pos = 0;

    for (i = 0; i < size; i++)
    {
        if (needs_escape(value[i]))
        {
            out[pos++] = '\\';
            out[pos++] = escape_letter(value[i]);
        }
        else
            out[pos++] = value[i];
    }
    return pos;
}

/* Unescapes text[0..size) into out; returns the unescaped size, or SIZE_MAX when the text has an
 * unknown or cut escape, or a raw CR or NUL (which the writer never leaves unescaped). */
static size_t unescape(uint8_t *out, const uint8_t *text, size_t size)
{
    size_t i, pos = 0;

    for (i = 0; i < size; i++)
    {
        uint8_t c = text[i];
        if (c == '\r' || c == 0)
            return SIZE_MAX;
        if (c == '\\')
        {
            if (++i == size)
                return SIZE_MAX;
            switch (text[i])
            {
            case '\\': c = '\\'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case '0': c = 0; break;
            default: return SIZE_MAX;
            }
        }
        out[pos++] = c;
    }
    return pos;
}

/* The record and its key index */

static uint32_t hash_key(const char *key, size_t length)
{
    uint32_t hash = 2166136261u;  /* FNV-1a */
    size_t i;

    for (i = 0; i < length; i++)
        hash = (hash ^ (uint8_t)key[i]) * 16777619u;
    return hash;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t find_slot(const record *rec, const char *key, size_t length)
{
    size_t mask = rec->slot_count - 1, slot = hash_key(key, length) & mask;

    while (rec->slots[slot])
    {
        const struct field *field = &rec->fields[rec->slots[slot] - 1];
        if (field->key_length == length && !memcmp(field->key, key, length))
            break;
        slot = (slot + 1) & mask;
    }
    return slot;
}

static const struct field *find_field(const record *rec, const char *key)
{
    size_t length, slot;

    if (!rec || !key || !(length = key_length(key)))
        return NULL;
    slot = find_slot(rec, key, length);
    return rec->slots[slot] ? &rec->fields[rec->slots[slot] - 1] : NULL;
}

/* Doubles the field array and rebuilds the index twice as large. Capacity never passes
 * RECORD_MAX_FIELDS, so no size here can overflow. */
static record_status grow(record *rec)
{
    size_t capacity = rec->capacity ? rec->capacity * 2 : 16, i;
    struct field *fields;
    uint32_t *slots;

    if (capacity > RECORD_MAX_FIELDS)
        capacity = RECORD_MAX_FIELDS;
    if (!(fields = realloc(rec->fields, capacity * sizeof(*fields))))
        return RECORD_ERR_NO_MEMORY;
    rec->fields = fields;
    if (!(slots = calloc(capacity * 2, sizeof(*slots))))
        return RECORD_ERR_NO_MEMORY;
    free(rec->slots);
    rec->slots = slots;
    rec->slot_count = capacity * 2;
    rec->capacity = capacity;
    for (i = 0; i < rec->count; i++)
        rec->slots[find_slot(rec, rec->fields[i].key, rec->fields[i].key_length)] = (uint32_t)i + 1;
    return RECORD_OK;
}

/* The length of "end <size> XXXXXXXX\n" after size bytes. */
static size_t end_line_length(size_t size)
{
    return sizeof(END_PREFIX) - 1 + decimal_length(size) + 1 + 8 + 1;
}

/* A block for one field: the key, its NUL, then room for value_room bytes and a NUL. */
static char *new_block(const char *key, size_t length, size_t value_room)
{
    char *block;

    if (value_room > RECORD_MAX_LINE || !(block = malloc(length + 1 + value_room + 1)))
        return NULL;
    memcpy(block, key, length);
    block[length] = 0;
    return block;
}

/* Appends the field held by block (from new_block, its value of size bytes in place) whose
 * serialized line takes line bytes. Takes ownership of block, also on failure. */
static record_status insert_field(record *rec, char *block, size_t key_length, size_t size, size_t line)
{
    struct field *field;
    record_status status;
    size_t slot;

    if (rec->count == rec->capacity && rec->count < RECORD_MAX_FIELDS && (status = grow(rec)) != RECORD_OK)
        goto failed;
    slot = find_slot(rec, block, key_length);
    status = rec->slots[slot] ? RECORD_ERR_EXISTS : RECORD_ERR_TOO_LARGE;
    if (rec->slots[slot] || rec->count == RECORD_MAX_FIELDS || line - 1 > RECORD_MAX_LINE
        || rec->size + line + end_line_length(rec->size + line) > RECORD_MAX_SIZE)
        goto failed;
    field = &rec->fields[rec->count];
    field->key = block;
    field->key_length = key_length;
    field->value = (uint8_t *)block + key_length + 1;
    field->value[size] = 0;
    field->size = size;
    field->line = line;
    rec->slots[slot] = (uint32_t)++rec->count;
    rec->size += line;
    return RECORD_OK;

failed:
    free(block);
    return status;
}

static size_t header_length(const char *kind)
{
    return MAGIC_LENGTH + 1 + decimal_length(RECORD_FORMAT_VERSION) + 1 + strlen(kind) + 1;
}

record_status record_create(const char *kind, record **out)
{
    record *rec;
    size_t length;

    if (!out)
        return RECORD_ERR_INVALID_ARG;
    *out = NULL;
    if (!kind || !(length = key_length(kind)))
        return RECORD_ERR_INVALID_ARG;
    if (!(rec = calloc(1, sizeof(*rec))))
        return RECORD_ERR_NO_MEMORY;
    memcpy(rec->kind, kind, length + 1);
    rec->size = header_length(rec->kind);
    if (grow(rec) != RECORD_OK)
    {
        record_free(rec);
        return RECORD_ERR_NO_MEMORY;
    }
    *out = rec;
    return RECORD_OK;
}

void record_free(record *rec)
{
    size_t i;

    if (!rec)
        return;
    for (i = 0; i < rec->count; i++)
        free(rec->fields[i].key);
    free(rec->fields);
    free(rec->slots);
    free(rec);
}

const char *record_kind(const record *rec)
{
    return rec ? rec->kind : "";
}

size_t record_count(const record *rec)
{
    return rec ? rec->count : 0;
}

record_status record_field(const record *rec, size_t index, const char **key, const uint8_t **value, size_t *size)
{
    const struct field *field;

    if (!rec || index >= rec->count)
        return RECORD_ERR_INVALID_ARG;
    field = &rec->fields[index];
    if (key)
        *key = field->key;
    if (value)
        *value = field->value;
    if (size)
        *size = field->size;
    return RECORD_OK;
}

/* Adding */

record_status record_add_bytes(record *rec, const char *key, const void *value, size_t size)
{
    size_t length, escaped;
    char *block;

    if (!rec || !key || !(length = key_length(key)) || (!value && size))
        return RECORD_ERR_INVALID_ARG;
    if (find_field(rec, key))
        return RECORD_ERR_EXISTS;
    escaped = escaped_size(value, size, RECORD_MAX_LINE - length - 1);
    if (escaped == SIZE_MAX)
        return RECORD_ERR_TOO_LARGE;
    if (!(block = new_block(key, length, size)))
        return RECORD_ERR_NO_MEMORY;
    if (size)
        memcpy(block + length + 1, value, size);
    return insert_field(rec, block, length, size, length + 1 + escaped + 1);
}

record_status record_add_string(record *rec, const char *key, const char *value)
{
    if (!value)
        return RECORD_ERR_INVALID_ARG;
    return record_add_bytes(rec, key, value, strlen(value));
}

record_status record_add_u64(record *rec, const char *key, uint64_t value)
{
    char text[20];
    return record_add_bytes(rec, key, text, format_u64(text, value));
}

record_status record_add_i64(record *rec, const char *key, int64_t value)
{
    char text[21];
    uint64_t magnitude = value < 0 ? (uint64_t)-(value + 1) + 1 : (uint64_t)value;
    size_t sign = value < 0;

    text[0] = '-';
    return record_add_bytes(rec, key, text, sign + format_u64(text + sign, magnitude));
}

record_status record_add_double(record *rec, const char *key, double value)
{
    char text[MAX_DOUBLE_TEXT + 8];
    int length;

    if (!is_finite(value))
        return RECORD_ERR_INVALID_ARG;
    length = format_g17(text, sizeof(text), value);
    if (length <= 0 || (size_t)length > MAX_DOUBLE_TEXT)
        return RECORD_ERR_INVALID_ARG;
    return record_add_bytes(rec, key, text, (size_t)length);
}

record_status record_add_bool(record *rec, const char *key, int value)
{
    return record_add_bytes(rec, key, value ? "1" : "0", 1);
}

/* WTF-8: UTF-16 code units to bytes, unpaired surrogates kept as three bytes each. */

static int is_high_surrogate(uint32_t unit)
{
    return unit >= 0xd800 && unit <= 0xdbff;
}

static int is_low_surrogate(uint32_t unit)
{
    return unit >= 0xdc00 && unit <= 0xdfff;
}

/* Encodes the code point at value[*index] (one or two units), advancing *index. */
static size_t encode_wtf8(uint8_t *out, const uint16_t *value, size_t length, size_t *index)
{
    uint32_t c = value[(*index)++];

    if (is_high_surrogate(c) && *index < length && is_low_surrogate(value[*index]))
        c = 0x10000 + ((c - 0xd800) << 10) + (value[(*index)++] - 0xdc00);
    if (c < 0x80)
    {
        out[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800)
    {
        out[0] = (uint8_t)(0xc0 | c >> 6);
        out[1] = (uint8_t)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000)
    {
        out[0] = (uint8_t)(0xe0 | c >> 12);
        out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (uint8_t)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (uint8_t)(0xf0 | c >> 18);
    out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (uint8_t)(0x80 | (c & 0x3f));
    return 4;
}

record_status record_add_utf16(record *rec, const char *key, const uint16_t *value, size_t length)
{
    record_status status;
    size_t index = 0, size = 0;
    uint8_t *bytes;

    if (!rec || !record_key_valid(key) || (!value && length))
        return RECORD_ERR_INVALID_ARG;
    if (length > RECORD_MAX_LINE)  /* each unit takes at least one byte */
        return RECORD_ERR_TOO_LARGE;
    if (!(bytes = malloc(length * 3 + 1)))  /* three bytes per unit at most */
        return RECORD_ERR_NO_MEMORY;
    while (index < length)
        size += encode_wtf8(bytes + size, value, length, &index);
    status = record_add_bytes(rec, key, bytes, size);
    free(bytes);
    return status;
}

/* Decodes one WTF-8 sequence at text[*pos], advancing *pos; returns the code point or (uint32_t)-1
 * for an invalid, overlong or cut sequence. */
static uint32_t decode_wtf8(const uint8_t *text, size_t size, size_t *pos)
{
    uint8_t b = text[*pos], low = 0x80, high = 0xbf;
    size_t count, i;
    uint32_t c;

    if (b < 0x80)
    {
        ++*pos;
        return b;
    }
    if (b >= 0xc2 && b <= 0xdf)
        count = 1, c = b & 0x1f;
    else if (b >= 0xe0 && b <= 0xef)
        count = 2, c = b & 0x0f, low = b == 0xe0 ? 0xa0 : 0x80;
    else if (b >= 0xf0 && b <= 0xf4)
        count = 3, c = b & 0x07, low = b == 0xf0 ? 0x90 : 0x80, high = b == 0xf4 ? 0x8f : 0xbf;
    else
        return (uint32_t)-1;
    if (size - *pos <= count)
        return (uint32_t)-1;
    for (i = 1; i <= count; i++)
    {
        uint8_t next = text[*pos + i];
        if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xbf))
            return (uint32_t)-1;
        c = c << 6 | (next & 0x3f);
    }
    *pos += count + 1;
    return c;
}

/* Decodes a whole WTF-8 value into out (NULL to count); returns the number of UTF-16 units or
 * SIZE_MAX. A high surrogate followed by a low one must have been written as one 4-byte
 * sequence: accepting the pair would give two spellings of one string. */
static size_t decode_utf16(const uint8_t *text, size_t size, uint16_t *out)
{
    size_t pos = 0, units = 0;
    uint32_t c, previous = 0;

    while (pos < size)
    {
        if ((c = decode_wtf8(text, size, &pos)) == (uint32_t)-1
            || (is_high_surrogate(previous) && is_low_surrogate(c)))
            return SIZE_MAX;
        if (c >= 0x10000)
        {
            if (out)
            {
                out[units] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
                out[units + 1] = (uint16_t)(0xdc00 + ((c - 0x10000) & 0x3ff));
            }
            units += 2;
        }
        else
        {
            if (out)
                out[units] = (uint16_t)c;
            units++;
        }
        previous = c;
    }
    return units;
}

/* Serializing */

static void write_end_line(uint8_t *data, size_t pos)
{
    static const char hex[] = "0123456789ABCDEF";
    uint32_t crc = record_crc32(data, pos);
    size_t start = pos;
    int shift;

    memcpy(data + pos, END_PREFIX, sizeof(END_PREFIX) - 1);
    pos += sizeof(END_PREFIX) - 1;
    pos += format_u64((char *)data + pos, start);
    data[pos++] = ' ';
    for (shift = 28; shift >= 0; shift -= 4)
        data[pos++] = (uint8_t)hex[(crc >> shift) & 0xf];
    data[pos] = '\n';
}

record_status record_serialize(const record *rec, uint8_t **data, size_t *size)
{
    size_t total, pos = 0, i, length;
    uint8_t *out;

    if (!data || !size)
        return RECORD_ERR_INVALID_ARG;
    *data = NULL;
    *size = 0;
    if (!rec)
        return RECORD_ERR_INVALID_ARG;
    total = rec->size + end_line_length(rec->size);
    if (!(out = malloc(total)))
        return RECORD_ERR_NO_MEMORY;
    memcpy(out, RECORD_MAGIC " ", MAGIC_LENGTH + 1);
    pos = MAGIC_LENGTH + 1;
    pos += format_u64((char *)out + pos, RECORD_FORMAT_VERSION);
    out[pos++] = ' ';
    length = strlen(rec->kind);
    memcpy(out + pos, rec->kind, length);
    pos += length;
    out[pos++] = '\n';
    for (i = 0; i < rec->count; i++)
    {
        const struct field *field = &rec->fields[i];
        memcpy(out + pos, field->key, field->key_length);
        pos += field->key_length;
        out[pos++] = '=';
        pos += write_escaped(out + pos, field->value, field->size);
        out[pos++] = '\n';
    }
    write_end_line(out, pos);
    *data = out;
    *size = total;
    return RECORD_OK;
}

/* Parsing */

struct cursor
{
    const uint8_t *data;
    size_t size;
};

/* The first line: magic, version, kind. *body becomes the offset just past its LF. */
static record_status parse_header(const struct cursor *in, char *kind, size_t *body)
{
    size_t pos = MAGIC_LENGTH, start, length;
    uint64_t version;

    if (memcmp(in->data, RECORD_MAGIC " ", in->size < MAGIC_LENGTH + 1 ? in->size : MAGIC_LENGTH + 1))
        return RECORD_ERR_CORRUPT;
    if (in->size <= MAGIC_LENGTH + 1)
        return RECORD_ERR_TRUNCATED;
    start = ++pos;
    pos = skip_digits(in->data, pos, in->size);
    if (pos == in->size)
        return RECORD_ERR_TRUNCATED;
    if (in->data[pos] != ' ' || pos - start > MAX_VERSION_DIGITS
        || !parse_u64(in->data + start, pos - start, &version))
        return RECORD_ERR_CORRUPT;
    if (version != RECORD_FORMAT_VERSION)
        return RECORD_ERR_VERSION;
    start = ++pos;
    while (pos < in->size && pos - start <= RECORD_MAX_KEY && is_key_char(in->data[pos]))
        pos++;
    if (pos == in->size)
        return RECORD_ERR_TRUNCATED;
    length = pos - start;
    if (in->data[pos] != '\n' || !length || length > RECORD_MAX_KEY)
        return RECORD_ERR_CORRUPT;
    memcpy(kind, in->data + start, length);
    kind[length] = 0;
    *body = pos + 1;
    return RECORD_OK;
}

static int hex_digit(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;  /* lowercase too: the end line has one spelling */
}

/* Checks "end <length> <crc>\n" at text[0..size) against the data before it. */
static record_status check_end_line(const struct cursor *in, size_t start)
{
    const uint8_t *text = in->data + start;
    size_t size = in->size - start, pos, digits_end, i;
    uint32_t crc = 0;
    uint64_t length;
    int digit;

    pos = sizeof(END_PREFIX) - 1;
    digits_end = skip_digits(text, pos, size);
    if (!parse_u64(text + pos, digits_end - pos, &length) || size != digits_end + 1 + 8 + 1
        || text[digits_end] != ' ')
        return RECORD_ERR_CORRUPT;
    for (i = digits_end + 1; i < digits_end + 9; i++)
    {
        if ((digit = hex_digit(text[i])) < 0)
            return RECORD_ERR_CORRUPT;
        crc = crc << 4 | (uint32_t)digit;
    }
    if (length != start || crc != record_crc32(in->data, start))
        return RECORD_ERR_CORRUPT;
    return RECORD_OK;
}

/* Finds the last line (the data ends with LF) and checks that it is a valid end line. A file cut
 * anywhere loses its end line, since no earlier line can start with "end ": keys have no space. */
static record_status parse_trailer(const struct cursor *in, size_t body, size_t *end)
{
    size_t start = in->size - 1;

    if (in->data[in->size - 1] != '\n')
        return RECORD_ERR_TRUNCATED;
    while (start > body && in->data[start - 1] != '\n' && in->size - start < MAX_END_LINE)
        start--;
    if ((start > body && in->data[start - 1] != '\n') || in->size - start < sizeof(END_PREFIX)
        || memcmp(in->data + start, END_PREFIX, sizeof(END_PREFIX) - 1))
        return RECORD_ERR_TRUNCATED;
    *end = start;
    return check_end_line(in, start);
}

/* One "key=value" line of line_size bytes at text (its LF not included). */
static record_status parse_field(record *rec, const uint8_t *text, size_t line_size)
{
    size_t length = 0, size;
    char *block;

    if (line_size > RECORD_MAX_LINE)
        return RECORD_ERR_TOO_LARGE;
    if (rec->count == RECORD_MAX_FIELDS)
        return RECORD_ERR_TOO_LARGE;
    while (length < line_size && length <= RECORD_MAX_KEY && is_key_char(text[length]))
        length++;
    if (!length || length > RECORD_MAX_KEY || length == line_size || text[length] != '=')
        return RECORD_ERR_CORRUPT;
    if (!(block = new_block((const char *)text, length, line_size - length - 1)))
        return RECORD_ERR_NO_MEMORY;
    size = unescape((uint8_t *)block + length + 1, text + length + 1, line_size - length - 1);
    if (size == SIZE_MAX)
    {
        free(block);
        return RECORD_ERR_CORRUPT;
    }
    switch (insert_field(rec, block, length, size, line_size + 1))
    {
    case RECORD_OK: return RECORD_OK;
    case RECORD_ERR_NO_MEMORY: return RECORD_ERR_NO_MEMORY;
    case RECORD_ERR_EXISTS: return RECORD_ERR_CORRUPT;
    default: return RECORD_ERR_TOO_LARGE;
    }
}

static record_status parse_fields(record *rec, const struct cursor *in, size_t body, size_t end)
{
    const uint8_t *newline;
    record_status status;
    size_t pos = body;

    while (pos < end)
    {
        /* end is just past a LF, so every line here has one */
        newline = memchr(in->data + pos, '\n', end - pos);
        if ((status = parse_field(rec, in->data + pos, (size_t)(newline - in->data) - pos)) != RECORD_OK)
            return status;
        pos = (size_t)(newline - in->data) + 1;
    }
    return RECORD_OK;
}

record_status record_parse(const void *data, size_t size, record **out)
{
    struct cursor in = { data, size };
    char kind[RECORD_MAX_KEY + 1];
    size_t body, end;
    record_status status;
    record *rec;

    if (!out)
        return RECORD_ERR_INVALID_ARG;
    *out = NULL;
    if (!data && size)
        return RECORD_ERR_INVALID_ARG;
    if (size > RECORD_MAX_SIZE)
        return RECORD_ERR_TOO_LARGE;
    if (!size)
        return RECORD_ERR_TRUNCATED;
    if ((status = parse_header(&in, kind, &body)) != RECORD_OK)
        return status;
    if ((status = parse_trailer(&in, body, &end)) != RECORD_OK)
        return status;
    if ((status = record_create(kind, &rec)) != RECORD_OK)
        return status;
    if ((status = parse_fields(rec, &in, body, end)) != RECORD_OK)
    {
        record_free(rec);
        return status;
    }
    *out = rec;
    return RECORD_OK;
}

/* Reading */

record_status record_get_bytes(const record *rec, const char *key, const uint8_t **value, size_t *size)
{
    const struct field *field;

    if (!rec || !key || !value || !size)
        return RECORD_ERR_INVALID_ARG;
    if (!(field = find_field(rec, key)))
        return RECORD_ERR_NOT_FOUND;
    *value = field->value;
    *size = field->size;
    return RECORD_OK;
}

int record_has(const record *rec, const char *key)
{
    return find_field(rec, key) != NULL;
}

/* The field of key, for a getter with a non-NULL output. */
static record_status get_field(const record *rec, const char *key, const void *output, const struct field **field)
{
    if (!rec || !key || !output)
        return RECORD_ERR_INVALID_ARG;
    return (*field = find_field(rec, key)) ? RECORD_OK : RECORD_ERR_NOT_FOUND;
}

record_status record_get_string(const record *rec, const char *key, const char **value)
{
    const struct field *field;
    record_status status = get_field(rec, key, value, &field);

    if (status != RECORD_OK)
        return status;
    if (memchr(field->value, 0, field->size))
        return RECORD_ERR_BAD_VALUE;
    *value = (const char *)field->value;
    return RECORD_OK;
}

record_status record_get_utf16(const record *rec, const char *key, uint16_t **value, size_t *length)
{
    const struct field *field;
    record_status status = length ? get_field(rec, key, value, &field) : RECORD_ERR_INVALID_ARG;
    size_t units;
    uint16_t *out;

    if (status != RECORD_OK)
        return status;
    if ((units = decode_utf16(field->value, field->size, NULL)) == SIZE_MAX)
        return RECORD_ERR_BAD_VALUE;
    /* units <= field->size <= RECORD_MAX_LINE: no overflow */
    if (!(out = malloc((units + 1) * sizeof(*out))))
        return RECORD_ERR_NO_MEMORY;
    decode_utf16(field->value, field->size, out);
    out[units] = 0;
    *value = out;
    *length = units;
    return RECORD_OK;
}

record_status record_get_u64(const record *rec, const char *key, uint64_t *value)
{
    const struct field *field;
    record_status status = get_field(rec, key, value, &field);

    if (status != RECORD_OK)
        return status;
    return parse_u64(field->value, field->size, value) ? RECORD_OK : RECORD_ERR_BAD_VALUE;
}

record_status record_get_i64(const record *rec, const char *key, int64_t *value)
{
    const struct field *field;
    record_status status = get_field(rec, key, value, &field);

    if (status != RECORD_OK)
        return status;
    return parse_i64(field->value, field->size, value) ? RECORD_OK : RECORD_ERR_BAD_VALUE;
}

record_status record_get_u32(const record *rec, const char *key, uint32_t *value)
{
    uint64_t wide;
    record_status status = value ? record_get_u64(rec, key, &wide) : RECORD_ERR_INVALID_ARG;

    if (status != RECORD_OK)
        return status;
    if (wide > UINT32_MAX)
        return RECORD_ERR_BAD_VALUE;
    *value = (uint32_t)wide;
    return RECORD_OK;
}

record_status record_get_i32(const record *rec, const char *key, int32_t *value)
{
    int64_t wide;
    record_status status = value ? record_get_i64(rec, key, &wide) : RECORD_ERR_INVALID_ARG;

    if (status != RECORD_OK)
        return status;
    if (wide < INT32_MIN || wide > INT32_MAX)
        return RECORD_ERR_BAD_VALUE;
    *value = (int32_t)wide;
    return RECORD_OK;
}

record_status record_get_double(const record *rec, const char *key, double *value)
{
    const struct field *field;
    record_status status = get_field(rec, key, value, &field);

    if (status != RECORD_OK)
        return status;
    return parse_double(field->value, field->size, value) ? RECORD_OK : RECORD_ERR_BAD_VALUE;
}

record_status record_get_bool(const record *rec, const char *key, int *value)
{
    const struct field *field;
    record_status status = get_field(rec, key, value, &field);

    if (status != RECORD_OK)
        return status;
    if (field->size != 1 || (field->value[0] != '0' && field->value[0] != '1'))
        return RECORD_ERR_BAD_VALUE;
    *value = field->value[0] == '1';
    return RECORD_OK;
}
