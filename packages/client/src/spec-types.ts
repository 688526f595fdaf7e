/**
 * The shape of the generated operation table (src/generated/operations.ts): the subset of
 * JSON Schema that the spec uses, and each operation's parameters, body and responses.
 */

/** A JSON Schema as the spec writes it (OpenAPI 3.0 dialect), dereferenced. */
export interface Schema {
  readonly type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  readonly format?: string;
  readonly description?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly default?: string | number | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly items?: Schema;
  readonly properties?: { readonly [name: string]: Schema };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
}

/** One parameter of an operation. */
export interface ParameterSpec {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly description: string;
  readonly schema: Schema;
}

/** One documented response of an operation. */
export interface ResponseSpec {
  readonly description: string;
  readonly headers: readonly string[];
  readonly schema: Schema | null;
}

/** One operation of the spec. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody: { readonly required: boolean; readonly schema: Schema } | null;
  readonly responses: { readonly [status: string]: ResponseSpec };
}

/** Every operation, by operationId. */
export type OperationTable = { readonly [operationId: string]: OperationSpec };
