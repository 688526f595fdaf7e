/**
 * The shape of the generated operation table (src/generated/operations.ts): the subset of
 * JSON Schema that the spec uses, and each operation's parameters, body, responses and
 * pagination.
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
  /** The spec's example value, if it gives one. */
  readonly example?: unknown;
}

/** One documented response of an operation. */
export interface ResponseSpec {
  readonly description: string;
  readonly headers: readonly string[];
  readonly schema: Schema | null;
}

/**
 * Offset/limit paging (`x-hss-pagination`): the query parameters that carry the offset and the
 * page size, and the response fields with the total count and the page's items.
 */
export interface PaginationSpec {
  readonly offset: string;
  readonly limit: string;
  readonly total: string;
  readonly items: string;
}

/** One operation of the spec. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody: {
    readonly required: boolean;
    readonly schema: Schema;
    /** The values of the spec's request examples. */
    readonly examples: readonly unknown[];
  } | null;
  readonly responses: { readonly [status: string]: ResponseSpec };
  readonly pagination: PaginationSpec | null;
  /** Short command names in the CLI (`x-cli-aliases`). */
  readonly aliases: readonly string[];
}

/** What is known of an operation before its spec is loaded: enough to list it. */
export interface OperationIndexEntry {
  readonly operationId: string;
  readonly summary: string;
  /** Short command names in the CLI (`x-cli-aliases`). */
  readonly aliases: readonly string[];
}

/** Every operation, by operationId. */
export type OperationTable = { readonly [operationId: string]: OperationSpec };

/** One server URL template of the spec (`https://hss.{region}.myhuaweicloud.com`). */
export interface ServerSpec {
  readonly url: string;
  readonly description?: string;
  readonly variables?: {
    readonly [name: string]: {
      readonly default: string;
      readonly enum?: readonly string[];
      readonly description?: string;
    };
  };
}

/** What the runtime keeps of the spec's `components`. */
export interface ComponentsTable {
  readonly parameters: { readonly [name: string]: ParameterSpec };
  readonly securitySchemes: {
    readonly [name: string]: {
      readonly type: string | null;
      readonly in: string | null;
      readonly name: string | null;
      readonly description: string;
      /** The schema of the scheme's value (`x-hss-schema`), e.g. the token's length. */
      readonly schema: Schema | null;
    };
  };
}
