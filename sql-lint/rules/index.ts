import type { SqlRuleDefinition } from "../create-sql-rule.ts";
import noAddExclusionConstraint from "./no-add-exclusion-constraint.ts";
import noAddRequiredColumn from "./no-add-required-column.ts";
import noBackfillWithSchemaChange from "./no-backfill-with-schema-change.ts";
import noBlockingAlterClause from "./no-blocking-alter-clause.ts";
import noBlockingDomainConstraint from "./no-blocking-domain-constraint.ts";
import noBlockingMaintenance from "./no-blocking-maintenance.ts";
import noColumnTypeChange from "./no-column-type-change.ts";
import noConcurrentlyInTransaction from "./no-concurrently-in-transaction.ts";
import noDeleteAllRows from "./no-delete-all-rows.ts";
import noDropColumn from "./no-drop-column.ts";
import noDropForeignKey from "./no-drop-foreign-key.ts";
import noDropSchema from "./no-drop-schema.ts";
import noDropTable from "./no-drop-table.ts";
import noDropView from "./no-drop-view.ts";
import noRename from "./no-rename.ts";
import noRewritingAddColumn from "./no-rewriting-add-column.ts";
import noSetNotNull from "./no-set-not-null.ts";
import noTruncate from "./no-truncate.ts";
import noUnsafeTableRebuild from "./no-unsafe-table-rebuild.ts";
import noUnclosedTransaction from "./no-unclosed-transaction.ts";
import noUnsafeEnumValueUse from "./no-unsafe-enum-value-use.ts";
import noWorkAfterExclusiveLock from "./no-work-after-exclusive-lock.ts";
import noWriteBlockingAlter from "./no-write-blocking-alter.ts";
import preferOnlineSchemaChange from "./prefer-online-schema-change.ts";
import requireCheckBeforeAttachPartition from "./require-check-before-attach-partition.ts";
import requireConcurrentDetachPartition from "./require-concurrent-detach-partition.ts";
import requireConcurrentIndex from "./require-concurrent-index.ts";
import requireConcurrentRefresh from "./require-concurrent-refresh.ts";
import requireLockTimeout from "./require-lock-timeout.ts";
import requireNotValidConstraint from "./require-not-valid-constraint.ts";
import requireUniqueUsingIndex from "./require-unique-using-index.ts";
import unparsableStatement from "./unparsable-statement.ts";

/** The SQL migration rules, by name. */
export const sqlRules: Record<string, SqlRuleDefinition<never[]>> = {
  "no-add-exclusion-constraint": noAddExclusionConstraint,
  "no-add-required-column": noAddRequiredColumn,
  "no-backfill-with-schema-change": noBackfillWithSchemaChange,
  "no-blocking-alter-clause": noBlockingAlterClause,
  "no-blocking-domain-constraint": noBlockingDomainConstraint,
  "no-blocking-maintenance": noBlockingMaintenance,
  "no-column-type-change": noColumnTypeChange,
  "no-concurrently-in-transaction": noConcurrentlyInTransaction,
  "no-delete-all-rows": noDeleteAllRows,
  "no-drop-column": noDropColumn,
  "no-drop-foreign-key": noDropForeignKey,
  "no-drop-schema": noDropSchema,
  "no-drop-table": noDropTable,
  "no-drop-view": noDropView,
  "no-rename": noRename,
  "no-rewriting-add-column": noRewritingAddColumn,
  "no-set-not-null": noSetNotNull,
  "no-truncate": noTruncate,
  "no-unsafe-table-rebuild": noUnsafeTableRebuild,
  "no-unclosed-transaction": noUnclosedTransaction,
  "no-unsafe-enum-value-use": noUnsafeEnumValueUse,
  "no-work-after-exclusive-lock": noWorkAfterExclusiveLock,
  "no-write-blocking-alter": noWriteBlockingAlter,
  "prefer-online-schema-change": preferOnlineSchemaChange,
  "require-check-before-attach-partition": requireCheckBeforeAttachPartition,
  "require-concurrent-detach-partition": requireConcurrentDetachPartition,
  "require-concurrent-index": requireConcurrentIndex,
  "require-concurrent-refresh": requireConcurrentRefresh,
  "require-lock-timeout": requireLockTimeout,
  "require-not-valid-constraint": requireNotValidConstraint,
  "require-unique-using-index": requireUniqueUsingIndex,
  "unparsable-statement": unparsableStatement,
};
