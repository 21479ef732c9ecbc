/*
 * libFuzzer target over the types' text and binary input: rate_in,
 * compliance_in, likert_in and their _recv, compiled from src/ against the
 * PostgreSQL headers but run outside the server.  The few server functions
 * they call are stood in for below: memory from an arena freed after each
 * input, ereport(ERROR) a longjmp back here, the pq_getmsg* readers with the
 * server's bounds checks.
 *
 * For each input: the first byte picks a type and text or binary; the rest
 * is the text (or the bytes).  What must hold, beyond AddressSanitizer and
 * UndefinedBehaviorSanitizer:
 *   - an input is accepted or refused with an ERROR whose SQLSTATE is not
 *     XX000 (an elog, or an ereport without errcode: an internal error);
 *   - an accepted value's text output is accepted again and prints the same;
 *   - an accepted binary value's send is accepted again and sends the same
 *     bytes, and its text output is accepted by the text input (binary
 *     input is validated like text input).
 * Built and run by test/fuzz/libfuzzer.sh.
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/float.h"
#include "utils/memutils.h"

extern Datum rate_in(PG_FUNCTION_ARGS);
extern Datum rate_out(PG_FUNCTION_ARGS);
extern Datum rate_recv(PG_FUNCTION_ARGS);
extern Datum rate_send(PG_FUNCTION_ARGS);
extern Datum compliance_in(PG_FUNCTION_ARGS);
extern Datum compliance_out(PG_FUNCTION_ARGS);
extern Datum compliance_recv(PG_FUNCTION_ARGS);
extern Datum compliance_send(PG_FUNCTION_ARGS);
extern Datum likert_in(PG_FUNCTION_ARGS);
extern Datum likert_out(PG_FUNCTION_ARGS);
extern Datum likert_recv(PG_FUNCTION_ARGS);
extern Datum likert_send(PG_FUNCTION_ARGS);

/* ---------------------------------------------------------------------
 * Stand-ins for the server
 * --------------------------------------------------------------------- */

/* The arena: every allocation of one input, freed after it. */
static void **arena;
static size_t arena_len, arena_cap;

static void *
arena_alloc(size_t size, bool zero)
{
	void	   *p = zero ? calloc(1, size ? size : 1) : malloc(size ? size : 1);

	if (p == NULL)
		abort();
	if (arena_len == arena_cap)
	{
		arena_cap = arena_cap ? 2 * arena_cap : 256;
		arena = realloc(arena, arena_cap * sizeof(void *));
	}
	arena[arena_len++] = p;
	return p;
}

static void
arena_reset(void)
{
	while (arena_len > 0)
		free(arena[--arena_len]);
}

MemoryContext CurrentMemoryContext = NULL;

void *palloc(Size size) { return arena_alloc(size, false); }
void *palloc0(Size size) { return arena_alloc(size, true); }
void *MemoryContextAlloc(MemoryContext c, Size size) { (void) c; return arena_alloc(size, false); }
void *MemoryContextAllocZero(MemoryContext c, Size size) { (void) c; return arena_alloc(size, true); }
void pfree(void *p) { (void) p; }		/* freed with the arena */
void *
repalloc(void *p, Size size)
{
	/* the arena does not know sizes: callers here only grow StringInfo buffers, via enlargeStringInfo */
	(void) p; (void) size;
	abort();
}

char *
pstrdup(const char *s)
{
	char	   *r = palloc(strlen(s) + 1);

	strcpy(r, s);
	return r;
}

char *
psprintf(const char *fmt,...)
{
	va_list		ap;
	int			len;
	char	   *r;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	r = palloc(len + 1);
	va_start(ap, fmt);
	vsnprintf(r, len + 1, fmt, ap);
	va_end(ap);
	return r;
}

/* ereport: the message is formatted (so that a wrong argument shows), the SQLSTATE kept. */
static sigjmp_buf on_error;
static int	error_level;
static int	error_code;
static char error_message[512];

bool
errstart(int elevel, const char *domain)
{
	(void) domain;
	if (elevel < ERROR)
		return false;
	error_level = elevel;
	error_code = ERRCODE_INTERNAL_ERROR;	/* what an ereport without errcode reports */
	error_message[0] = '\0';
	return true;
}

bool errstart_cold(int elevel, const char *domain) { return errstart(elevel, domain); }
int errcode(int sqlerrcode) { error_code = sqlerrcode; return 0; }

#define FORMAT_INTO(buf) \
	do { va_list ap; va_start(ap, fmt); vsnprintf(buf, sizeof(buf), fmt, ap); va_end(ap); } while (0)

int errmsg(const char *fmt,...) { FORMAT_INTO(error_message); return 0; }
int errmsg_internal(const char *fmt,...) { FORMAT_INTO(error_message); return 0; }
int errdetail(const char *fmt,...) { char b[512]; FORMAT_INTO(b); return 0; }
int errdetail_internal(const char *fmt,...) { char b[512]; FORMAT_INTO(b); return 0; }
int errhint(const char *fmt,...) { char b[512]; FORMAT_INTO(b); return 0; }

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	(void) filename; (void) lineno; (void) funcname;
	siglongjmp(on_error, 1);
}

void
float_overflow_error(void)
{
	errstart(ERROR, NULL);
	errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE);
	errfinish(__FILE__, __LINE__, __func__);
	abort();
}

/* StringInfo, as src/common/stringinfo.c, over the arena. */
void
initStringInfo(StringInfo str)
{
	str->maxlen = 1024;
	str->data = palloc(str->maxlen);
	str->len = 0;
	str->data[0] = '\0';
	str->cursor = 0;
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	int			newlen;
	char	   *data;

	if (needed < 0 || (Size) needed >= MaxAllocSize - (Size) str->len)
		abort();
	needed += str->len + 1;
	if (needed <= str->maxlen)
		return;
	newlen = 2 * str->maxlen;
	while (needed > newlen)
		newlen = 2 * newlen;
	data = palloc(newlen);
	memcpy(data, str->data, str->len + 1);
	str->data = data;
	str->maxlen = newlen;
}

void
appendBinaryStringInfo(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
	str->data[str->len] = '\0';
}

void appendStringInfoString(StringInfo str, const char *s) { appendBinaryStringInfo(str, s, strlen(s)); }
void appendStringInfoChar(StringInfo str, char ch) { appendBinaryStringInfo(str, &ch, 1); }

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	va_list		ap;
	int			len;
	char	   *tmp;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	tmp = palloc(len + 1);
	va_start(ap, fmt);
	vsnprintf(tmp, len + 1, fmt, ap);
	va_end(ap);
	appendBinaryStringInfo(str, tmp, len);
}

/* pqformat.c's readers and the send frame, with its checks. */
static void
insufficient_data(void)
{
	errstart(ERROR, NULL);
	errcode(ERRCODE_PROTOCOL_VIOLATION);
	errmsg("insufficient data left in message");
	errfinish(__FILE__, __LINE__, __func__);
}

void
pq_copymsgbytes(StringInfo msg, char *buf, int datalen)
{
	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		insufficient_data();
	memcpy(buf, &msg->data[msg->cursor], datalen);
	msg->cursor += datalen;
}

int
pq_getmsgbyte(StringInfo msg)
{
	if (msg->cursor >= msg->len)
		insufficient_data();
	return (unsigned char) msg->data[msg->cursor++];
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	unsigned char c;
	uint16		n16;
	uint32		n32;

	switch (b)
	{
		case 1: pq_copymsgbytes(msg, (char *) &c, 1); return c;
		case 2: pq_copymsgbytes(msg, (char *) &n16, 2); return pg_ntoh16(n16);
		case 4: pq_copymsgbytes(msg, (char *) &n32, 4); return pg_ntoh32(n32);
	}
	abort();
}

int64
pq_getmsgint64(StringInfo msg)
{
	uint64		n64;

	pq_copymsgbytes(msg, (char *) &n64, sizeof(n64));
	return pg_ntoh64(n64);
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union { float8 f; int64 i; } swap;

	swap.i = pq_getmsgint64(msg);
	return swap.f;
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union { float8 f; int64 i; } swap;

	swap.f = f;
	pq_sendint64(buf, swap.i);
}

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	appendBinaryStringInfo(buf, "\0\0\0\0", 4);
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

struct varlena *pg_detoast_datum(struct varlena *datum) { return datum; }
struct varlena *pg_detoast_datum_packed(struct varlena *datum) { return datum; }

/* Numbers as text (the server prints doubles shortest-exact; any exact form round-trips). */
int
pg_lltoa(int64 value, char *a)
{
	return sprintf(a, "%lld", (long long) value);
}

int
double_to_shortest_decimal_buf(double f, char *result)
{
	return sprintf(result, "%.17g", f);
}

char *
float8out_internal(double num)
{
	char	   *r = palloc(32);

	if (isnan(num))
		strcpy(r, "NaN");
	else if (isinf(num))
		strcpy(r, num > 0 ? "Infinity" : "-Infinity");
	else
		sprintf(r, "%.17g", num);
	return r;
}

/* float8in_internal_opt_error, as the server's: white space, NaN, Infinity, range. */
float8
float8in_internal_opt_error(char *num, char **endptr_p, const char *type_name,
							const char *orig_string, bool *have_error)
{
	double		val;
	char	   *endptr;

	(void) type_name; (void) orig_string;
	while (*num != '\0' && isspace((unsigned char) *num))
		num++;
	if (*num == '\0')
	{
		*have_error = true;
		return 0;
	}
	errno = 0;
	val = strtod(num, &endptr);
	if (endptr == num || errno != 0)
	{
		int			save_errno = errno;

		if (pg_strncasecmp(num, "NaN", 3) == 0) { val = get_float8_nan(); endptr = num + 3; }
		else if (pg_strncasecmp(num, "Infinity", 8) == 0) { val = get_float8_infinity(); endptr = num + 8; }
		else if (pg_strncasecmp(num, "+Infinity", 9) == 0) { val = get_float8_infinity(); endptr = num + 9; }
		else if (pg_strncasecmp(num, "-Infinity", 9) == 0) { val = -get_float8_infinity(); endptr = num + 9; }
		else if (save_errno == ERANGE && (val == 0.0 || val >= HUGE_VAL || val <= -HUGE_VAL))
		{
			*have_error = true;
			return 0;
		}
		else if (endptr == num)
		{
			*have_error = true;
			return 0;
		}
	}
	while (*endptr != '\0' && isspace((unsigned char) *endptr))
		endptr++;
	if (endptr_p)
		*endptr_p = endptr;
	else if (*endptr != '\0')
		*have_error = true;
	return val;
}

int pg_strncasecmp(const char *s1, const char *s2, size_t n) { return strncasecmp(s1, s2, n); }
/* port/pg_bitutils.h: on x86-64 a pointer to the implementation the CPU supports */
static int popcount32(uint32 word) { return __builtin_popcount(word); }
int (*pg_popcount32) (uint32 word) = popcount32;
int AggCheckCallContext(FunctionCallInfo fcinfo, MemoryContext *aggcontext)
{
	(void) fcinfo;
	if (aggcontext)
		*aggcontext = NULL;
	return 0;
}

/* What the type I/O never calls (arrays, records, hashing): abort if it does. */
#define NEVER_CALLED(name) void name(void); void name(void) { fprintf(stderr, #name " called\n"); abort(); }
NEVER_CALLED(BlessTupleDesc)
NEVER_CALLED(HeapTupleHeaderGetDatum)
NEVER_CALLED(construct_array)
NEVER_CALLED(construct_empty_array)
NEVER_CALLED(construct_md_array)
NEVER_CALLED(deconstruct_array)
NEVER_CALLED(get_call_result_type)
NEVER_CALLED(get_typlenbyvalalign)
NEVER_CALLED(hash_bytes)
NEVER_CALLED(hash_bytes_extended)
NEVER_CALLED(heap_form_tuple)
NEVER_CALLED(text_to_cstring)

/* port.h sends printf-family calls to src/port/snprintf.c; here, to the C library's. */
#undef vsnprintf
#undef sprintf
#undef fprintf
#undef vsprintf
#undef vfprintf
int
pg_vsnprintf(char *str, size_t count, const char *fmt, va_list args)
{
	return vsnprintf(str, count, fmt, args);
}

int
pg_sprintf(char *str, const char *fmt,...)
{
	va_list		ap;
	int			len;

	va_start(ap, fmt);
	len = vsprintf(str, fmt, ap);
	va_end(ap);
	return len;
}

int
pg_fprintf(FILE *stream, const char *fmt,...)
{
	va_list		ap;
	int			len;

	va_start(ap, fmt);
	len = vfprintf(stream, fmt, ap);
	va_end(ap);
	return len;
}

/* ---------------------------------------------------------------------
 * The target
 * --------------------------------------------------------------------- */

typedef struct TypeIO
{
	const char *name;
	PGFunction	in, out, recv, send;
} TypeIO;

static const TypeIO types[] = {
	{"rate", rate_in, rate_out, rate_recv, rate_send},
	{"compliance", compliance_in, compliance_out, compliance_recv, compliance_send},
	{"likert", likert_in, likert_out, likert_recv, likert_send},
};

static Datum
call1(PGFunction f, Datum arg)
{
	LOCAL_FCINFO(fcinfo, 3);

	InitFunctionCallInfoData(*fcinfo, NULL, 3, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = arg;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = ObjectIdGetDatum(InvalidOid);
	fcinfo->args[1].isnull = false;
	fcinfo->args[2].value = Int32GetDatum(-1);
	fcinfo->args[2].isnull = false;
	return f(fcinfo);
}

static void
fail(const char *what, const TypeIO *t, const char *detail)
{
	fprintf(stderr, "%s: %s: %s\n", t->name, what, detail);
	abort();
}

/* Run f(arg); false when it raised an ERROR (whose SQLSTATE must not be XX000). */
static bool
try_call(PGFunction f, Datum arg, Datum *result, const TypeIO *t)
{
	if (sigsetjmp(on_error, 0) != 0)
	{
		if (error_code == ERRCODE_INTERNAL_ERROR)
			fail("an internal error (XX000)", t, error_message);
		return false;
	}
	*result = call1(f, arg);
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const TypeIO *t;
	bool		binary;
	Datum		value, again, out, out2;

	if (size < 1)
		return 0;
	t = &types[data[0] % 3];
	binary = (data[0] & 0x80) != 0;
	data++, size--;

	if (!binary)
	{
		char	   *text = arena_alloc(size + 1, false);

		memcpy(text, data, size);
		text[size] = '\0';
		if (try_call(t->in, CStringGetDatum(text), &value, t))
		{
			if (!try_call(t->out, value, &out, t))
				fail("output of an accepted value raised an error", t, error_message);
			if (!try_call(t->in, out, &again, t))
				fail("its own output is refused", t, DatumGetCString(out));
			if (!try_call(t->out, again, &out2, t) ||
				strcmp(DatumGetCString(out), DatumGetCString(out2)) != 0)
				fail("output does not round-trip", t, DatumGetCString(out));
		}
	}
	else
	{
		StringInfoData buf;
		bytea	   *sent;

		buf.data = arena_alloc(size + 1, false);
		memcpy(buf.data, data, size);
		buf.data[size] = '\0';
		buf.len = size;
		buf.maxlen = size + 1;
		buf.cursor = 0;
		if (try_call(t->recv, PointerGetDatum(&buf), &value, t))
		{
			if (!try_call(t->send, value, &out, t))
				fail("send of a received value raised an error", t, error_message);
			/* received again, the sent bytes give the same value (a value may be normalised once: -0 to 0) */
			sent = (bytea *) DatumGetPointer(out);
			buf.data = VARDATA(sent);
			buf.len = VARSIZE(sent) - VARHDRSZ;
			buf.maxlen = buf.len;
			buf.cursor = 0;
			if (!try_call(t->recv, PointerGetDatum(&buf), &again, t))
				fail("its own binary output is refused", t, error_message);
			if (!try_call(t->send, again, &out2, t) ||
				VARSIZE(DatumGetPointer(out2)) != VARSIZE(sent) ||
				memcmp(VARDATA(DatumGetPointer(out2)), VARDATA(sent), VARSIZE(sent) - VARHDRSZ) != 0)
				fail("binary output does not round-trip", t, "");
			if (!try_call(t->out, value, &out, t))
				fail("output of a received value raised an error", t, error_message);
			if (!try_call(t->in, out, &again, t))
				fail("text input refuses what binary input accepted", t, DatumGetCString(out));
		}
	}
	arena_reset();
	return 0;
}
