/*
 * libFuzzer target for the TIFF reader of the fax service: inspect, and for whatever inspect
 * accepts, join, extract and read back every strip, checking that the outputs are consistent.
 *
 *   mkdir -p build/host && clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/svc \
 *       -o build/host/tiff_fuzz tests/host/tiff_fuzz.c src/svc/tiff_read.c src/svc/tiff_build.c src/svc/tiff_join.c
 *   build/host/tiff_fuzz -max_len=65536 -max_total_time=60 CORPUS_DIR
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdlib.h>
#include <string.h>

#include "tiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tiff_input inputs[2] = { { data, size }, { data, size } };
    tiff_buffer joined, part;
    tiff_doc doc, again;
    uint32_t i, strip;

    if (tiff_inspect(data, size, 64, &doc) != TIFF_OK)
        return 0;
    for (i = 0; i < doc.page_count; i++)
        for (strip = 0; strip < doc.pages[i].strip_count; strip++)
        {
            uint32_t offset, length;
            if (tiff_page_strip(data, size, &doc.pages[i], strip, &offset, &length) != TIFF_OK
                || (uint64_t)offset + length > size)
                abort();
        }
    if (tiff_join(inputs, 2, 128, &joined) != TIFF_OK || tiff_inspect(joined.data, joined.size, 128, &again) != TIFF_OK
        || again.page_count != 2 * doc.page_count)
        abort();
    for (i = 0; i < doc.page_count; i++)
        if (again.pages[i].strip_bytes != doc.pages[i].strip_bytes || again.pages[i].width != doc.pages[i].width)
            abort();
    tiff_doc_free(&again);
    tiff_buffer_free(&joined);
    if (tiff_extract_pages(data, size, doc.page_count - 1, 1, 64, &part) != TIFF_OK
        || tiff_inspect(part.data, part.size, 1, &again) != TIFF_OK)
        abort();
    tiff_doc_free(&again);
    tiff_buffer_free(&part);
    tiff_doc_free(&doc);
    return 0;
}
