/*-------------------------------------------------------------------------
 * src/medalliance.c
 *    Module entry point of the medalliance extension.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;
