/*
 * The service's own cover page. Microsoft's service fills .cov templates; fxscomex renders one
 * standard page instead, from the job's fields (recipient, sender, subject, note, date, pages),
 * when a submission asks for a cover page of any type.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSSVC_COVER_PAGE_H
#define FXSSVC_COVER_PAGE_H

#include <windows.h>
#include "job.h"
#include "tiff.h"

/* A one-page Group 4 TIFF; body_pages is the number of pages that follow it. */
DWORD cover_page_render(const struct job *job, LONG body_pages, tiff_buffer *out);

#endif /* FXSSVC_COVER_PAGE_H */
