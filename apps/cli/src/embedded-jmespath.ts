/** The JMESPath engine `--query` uses, built as its own file (dist/jmespath.cjs). */
import jmespath from "jmespath";

/** Parses an expression (throws on a bad one). jmespath.js exports `compile` without typing it. */
export const compile = (expression: string): unknown =>
  (jmespath as unknown as { compile(expression: string): unknown }).compile(expression);
/** Applies an expression to a document. */
export const search = (doc: unknown, expression: string): unknown =>
  jmespath.search(doc as never, expression);
