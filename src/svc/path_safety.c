/*
 * Client-given names and folders that may become paths (see path_safety.h).
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "path_safety.h"

const char *path_verdict_text(path_verdict verdict)
{
    switch (verdict)
    {
    case PATH_OK: return "a safe name";
    case PATH_EMPTY: return "an empty name";
    case PATH_TOO_LONG: return "too long";
    case PATH_CONTROL: return "a control character";
    case PATH_SEPARATOR: return "a path separator in a name";
    case PATH_STREAM: return "a colon (a drive or an alternate data stream)";
    case PATH_RESERVED_CHAR: return "one of * ? \" < > |";
    case PATH_DOTS: return "\".\" or \"..\"";
    case PATH_TRAILING: return "a trailing dot or space";
    case PATH_DEVICE: return "a DOS device name";
    case PATH_NOT_ABSOLUTE: return "not an absolute folder on a drive";
    case PATH_DATA_ROOT: return "the data root or one of its own folders";
    }
    return "unknown";
}

static uint16_t ascii_upper(uint16_t c)
{
    return c >= 'a' && c <= 'z' ? (uint16_t)(c - 'a' + 'A') : c;
}

static int is_separator(uint16_t c)
{
    return c == '\\' || c == '/';
}

/* Whether text[0..length) is word, without regard to ASCII case. */
static int equals_nocase(const uint16_t *text, size_t length, const char *word)
{
    size_t i;

    for (i = 0; i < length; i++)
        if (!word[i] || ascii_upper(text[i]) != ascii_upper((uint16_t)word[i])) return 0;
    return !word[length];
}

/* CON, PRN, AUX, NUL, CONIN$, CONOUT$, CLOCK$; COM or LPT with a digit or a superscript 1-3. */
static int is_device(const uint16_t *base, size_t length)
{
    static const char *const names[] = { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$" };
    size_t i;

    /* Windows drops spaces before the extension too: "nul .txt" is NUL. */
    while (length && base[length - 1] == ' ') length--;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (equals_nocase(base, length, names[i])) return 1;
    if (length != 4 || (!equals_nocase(base, 3, "COM") && !equals_nocase(base, 3, "LPT"))) return 0;
    return (base[3] >= '0' && base[3] <= '9') || base[3] == 0xb9 || base[3] == 0xb2 || base[3] == 0xb3;
}

path_verdict path_check_name(const uint16_t *name, size_t length)
{
    size_t i, base = length;

    if (!name || !length) return PATH_EMPTY;
    if (length > PATH_MAX_NAME) return PATH_TOO_LONG;
    for (i = 0; i < length; i++)
    {
        uint16_t c = name[i];

        if (c < 0x20 || c == 0x7f) return PATH_CONTROL;
        if (is_separator(c)) return PATH_SEPARATOR;
        if (c == ':') return PATH_STREAM;
        if (c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') return PATH_RESERVED_CHAR;
        if (c == '.' && base == length) base = i;
    }
    if ((length == 1 && name[0] == '.') || (length == 2 && name[0] == '.' && name[1] == '.')) return PATH_DOTS;
    if (name[length - 1] == '.' || name[length - 1] == ' ') return PATH_TRAILING;
    if (is_device(name, base)) return PATH_DEVICE;
    return PATH_OK;
}

/* The length of root without its trailing separators. */
static size_t trimmed(const uint16_t *root, size_t length)
{
    while (length > 3 && is_separator(root[length - 1])) length--;
    return length;
}

/* Whether folder is root, or inside one of root's own folders. Both are checked paths: "X:\" and
 * names separated by single separators. */
static int reaches_data_root(const uint16_t *folder, size_t length, const uint16_t *root, size_t root_length)
{
    static const char *const own[] = { "config", "queue", "archive", "log", "tmp" };
    size_t i, start, end;

    root_length = trimmed(root, root_length);
    length = trimmed(folder, length);
    if (!root_length || length < root_length) return 0;
    for (i = 0; i < root_length; i++)
    {
        if (is_separator(root[i]) && is_separator(folder[i])) continue;
        if (ascii_upper(root[i]) != ascii_upper(folder[i])) return 0;
    }
    if (length == root_length) return 1;
    if (!is_separator(folder[root_length]) && !is_separator(root[root_length - 1])) return 0;
    start = is_separator(folder[root_length]) ? root_length + 1 : root_length;
    for (end = start; end < length && !is_separator(folder[end]); end++) {}
    for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
        if (equals_nocase(folder + start, end - start, own[i])) return 1;
    return 0;
}

static int is_drive_root(const uint16_t *path, size_t length)
{
    uint16_t drive = length >= 3 ? ascii_upper(path[0]) : 0;
    return drive >= 'A' && drive <= 'Z' && path[1] == ':' && is_separator(path[2]);
}

path_verdict path_check_folder(const uint16_t *folder, size_t length, const uint16_t *root, size_t root_length)
{
    size_t start = 3, end;
    path_verdict verdict;

    if (!folder || !length) return PATH_EMPTY;
    if (length > PATH_MAX_FOLDER) return PATH_TOO_LONG;
    if (!is_drive_root(folder, length)) return PATH_NOT_ABSOLUTE;
    /* One trailing separator is allowed: "C:\faxes\". */
    if (length > 3 && is_separator(folder[length - 1])) length--;
    while (start < length)
    {
        for (end = start; end < length && !is_separator(folder[end]); end++) {}
        if ((verdict = path_check_name(folder + start, end - start))) return verdict;
        start = end + 1;
    }
    if (root && reaches_data_root(folder, length, root, root_length)) return PATH_DATA_ROOT;
    return PATH_OK;
}
