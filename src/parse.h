/*-------------------------------------------------------------------------
 * src/parse.h
 *    Pieces of the text input functions shared by the types: white space
 *    and unsigned decimal integers.  Each type reports its own errors, with
 *    its own type name and hint, from the status these return.
 *-------------------------------------------------------------------------
 */
#ifndef MEDALLIANCE_PARSE_H
#define MEDALLIANCE_PARSE_H

#include "postgres.h"

/* What parse_unsigned() found. */
typedef enum ParseStatus
{
	PARSE_OK,					/* digits, and the value is at most max */
	PARSE_NO_DIGITS,			/* no digit where a number was expected */
	PARSE_OUT_OF_RANGE			/* more than max (or than bigint) */
} ParseStatus;

/* The first character at or after p that is not white space. */
static inline const char *
parse_skip_space(const char *p)
{
	while (isspace((unsigned char) *p))
		p++;
	return p;
}

extern const char *parse_unsigned(const char *p, int64 max, int64 *result,
								  ParseStatus *status);

#endif							/* MEDALLIANCE_PARSE_H */
