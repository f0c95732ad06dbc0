import { createSqlRule } from "../create-sql-rule.ts";

export default createSqlRule<[], "unparsable">({
  name: "unparsable-statement",
  meta: {
    type: "problem",
    docs: {
      description: "Report statements that no SQL parser available to shipshape could read, so they were not checked",
      recommended: "warn",
    },
    schema: [],
    messages: {
      unparsable:
        "This statement could not be parsed ({{message}}), so no rule checked it. " +
        "Fix the syntax if the database would reject it too; otherwise review it by hand.",
    },
  },
  create(context) {
    const { sourceCode } = context;
    return {
      unparsed_stmt(statement) {
        const start = sourceCode.getLocFromIndex(statement.errorOffset);
        const end = sourceCode.getLocFromIndex(Math.min(statement.errorOffset + 1, statement.range[1]));
        context.report({ loc: { start, end }, messageId: "unparsable", data: { message: statement.message } });
      },
    };
  },
});
