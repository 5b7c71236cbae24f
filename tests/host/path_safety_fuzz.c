/*
 * libFuzzer target of the path safety checks (src/svc/path_safety.h): whatever the UTF-16 units,
 * path_check_name and path_check_folder read nothing outside their input, and what they accept
 * keeps its promises, checked here independently: no control character, separator, colon or
 * reserved character in a name, no "." or ".." and no trailing dot or space in any component, a
 * folder that starts with a drive and does not reach into the data root's own folders. The first
 * byte chooses the check; the rest is the text.
 *
 *   clang -std=c99 -O1 -g -fsanitize=fuzzer,address,undefined -Isrc/svc \
 *       -o build/host/path_safety_fuzz tests/host/path_safety_fuzz.c src/svc/path_safety.c
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "path_safety.h"

static const uint16_t root[] = { 'C', ':', '\\', 'f', 'a', 'x', 'd', 'a', 't', 'a' };

static int is_separator(uint16_t c)
{
    return c == '\\' || c == '/';
}

static uint16_t lower(uint16_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint16_t)(c + 32) : c;
}

/* A component [start, end) that path_check_name accepted. */
static void check_component(const uint16_t *text, size_t start, size_t end)
{
    size_t i, length = end - start;

    if (!length || length > PATH_MAX_NAME) abort();
    for (i = start; i < end; i++)
    {
        uint16_t c = text[i];
        if (c < 0x20 || c == 0x7f || is_separator(c) || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
            c == '>' || c == '|')
            abort();
    }
    if (text[end - 1] == '.' || text[end - 1] == ' ') abort();
    /* "nul", "NUL.txt", "com1": never accepted. */
    if (length >= 3 && lower(text[start]) == 'n' && lower(text[start + 1]) == 'u' && lower(text[start + 2]) == 'l' &&
        (length == 3 || text[start + 3] == '.'))
        abort();
}

static void check_folder(const uint16_t *text, size_t length)
{
    size_t start = 3, end;

    if (length < 3 || text[1] != ':' || !is_separator(text[2])) abort();
    if (length > 3 && is_separator(text[length - 1])) length--;
    while (start < length)
    {
        for (end = start; end < length && !is_separator(text[end]); end++) {}
        check_component(text, start, end);
        start = end + 1;
    }
    /* Never the data root or its queue. */
    if (length >= 10 && lower(text[0]) == 'c' && !memcmp(text + 1, root + 1, 2 * sizeof(uint16_t)))
    {
        static const char faxdata[] = "faxdata", queue[] = "\\queue";
        size_t i;
        int same = 1;

        for (i = 0; i < 7 && same; i++) same = lower(text[3 + i]) == (uint16_t)faxdata[i];
        if (same && length == 10) abort();
        for (i = 0; i < 6 && same && 10 + i < length; i++)
            same = lower(text[10 + i]) == (uint16_t)queue[i] || (i == 0 && is_separator(text[10]));
        if (same && length >= 16 && (length == 16 || is_separator(text[16]))) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t length = size ? (size - 1) / 2 : 0;
    uint16_t *text = malloc((length ? length : 1) * sizeof(uint16_t));

    if (!text) return 0;
    if (length) memcpy(text, data + 1, length * sizeof(uint16_t));
    if (size && (data[0] & 1))
    {
        if (path_check_folder(text, length, root, sizeof(root) / sizeof(root[0])) == PATH_OK) check_folder(text, length);
    }
    else if (path_check_name(text, length) == PATH_OK) check_component(text, 0, length);
    path_verdict_text(path_check_name(text, length));
    free(text);
    return 0;
}
