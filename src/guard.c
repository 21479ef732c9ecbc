/*-------------------------------------------------------------------------
 * src/guard.c
 *    The drop guard (删除保护): an event trigger function that stops
 *    DROP EXTENSION medalliance and DROP SCHEMA medalliance while the
 *    warehouse holds rows that pg_dump would keep as user data.
 *
 * The warehouse tables are members of the extension, so dropping it drops
 * them with their rows, CASCADE or not.  At ddl_command_start nothing is
 * dropped yet; only C can read the statement there and tell which objects
 * it names, so this function does that and leaves the decision (which rows
 * count, the message, the escape) to medalliance.check_drop(), in SQL.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/event_trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "nodes/parsenodes.h"
#include "nodes/value.h"

/* Whether the DROP statement names the extension or its schema. */
static bool
drop_names_medalliance(DropStmt *stmt)
{
	ListCell   *lc;

	if (stmt->removeType != OBJECT_EXTENSION && stmt->removeType != OBJECT_SCHEMA)
		return false;
	foreach(lc, stmt->objects)
	{
		Node	   *name = (Node *) lfirst(lc);

		if (IsA(name, String) && strcmp(strVal(name), "medalliance") == 0)
			return true;
	}
	return false;
}

PG_FUNCTION_INFO_V1(drop_guard);
/* drop_guard(): event trigger on ddl_command_start for DROP EXTENSION / DROP SCHEMA. */
Datum
drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_EVENT_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("drop_guard() can only be called as an event trigger")));
	trigdata = (EventTriggerData *) fcinfo->context;
	if (trigdata->parsetree == NULL || !IsA(trigdata->parsetree, DropStmt) ||
		!drop_names_medalliance((DropStmt *) trigdata->parsetree))
		PG_RETURN_VOID();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute("SELECT medalliance.check_drop()", false, 0) != SPI_OK_SELECT)
		elog(ERROR, "medalliance.check_drop() failed");
	SPI_finish();
	PG_RETURN_VOID();
}
