/*-------------------------------------------------------------------------
 * src/parse.c
 *    Pieces of the text input functions shared by the types.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"

#include "parse.h"

/*
 * An unsigned decimal integer at p, with an optional leading '+': the digits
 * are read as far as they go, so that the caller's "unexpected text" check
 * sees what follows them.  Sets *status; *result is meaningful only for
 * PARSE_OK.  Returns the position after the digits.
 */
const char *
parse_unsigned(const char *p, int64 max, int64 *result, ParseStatus *status)
{
	int64		value = 0;

	*status = PARSE_OK;
	if (*p == '+')
		p++;
	if (!isdigit((unsigned char) *p))
	{
		*status = PARSE_NO_DIGITS;
		return p;
	}
	for (; isdigit((unsigned char) *p); p++)
	{
		if (*status == PARSE_OK &&
			(pg_mul_s64_overflow(value, 10, &value) ||
			 pg_add_s64_overflow(value, *p - '0', &value) ||
			 value > max))
			*status = PARSE_OUT_OF_RANGE;
	}
	*result = value;
	return p;
}
