/*
 * Submitting a FaxDocument to the fax service (submit.c): what document.c hands over.
 *
 * Copyright 2026 the fxscomex authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#ifndef FXSCOMEX_SUBMIT_H
#define FXSCOMEX_SUBMIT_H

#include "fxscomex_private.h"
#include "fxs_link.h"

struct fax_submission
{
    fxs_document document;          /* strings borrowed from the caller */
    LONG recipient_count;
    BSTR *numbers;
    BSTR *names;
    LONG body_count;
    BSTR *bodies;                   /* file paths */
};

/* Submits; job_ids receives an array of job id strings (VT_ARRAY | VT_BSTR), one per recipient.
 * error_body: the index of a body file that is not a fax image or cannot be read, else -1. */
HRESULT fax_submit(struct fxs_link *link, const struct fax_submission *submission, VARIANT *job_ids, LONG *error_body);

#endif /* FXSCOMEX_SUBMIT_H */
