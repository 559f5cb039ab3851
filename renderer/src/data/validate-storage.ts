import { wrappedValidateStorageFactory, type RxJsonSchema, type RxValidationError } from 'rxdb';
import { ZSchemaClass } from 'rxdb/plugins/validate-z-schema';

const SCHEMA_ID = 'replica-document';

/**
 * A document validator of one RxDB schema, with z-schema (JSON Schema; ajv would need
 * `unsafe-eval`, which the CSP forbids). RxDB's own z-schema plugin hands the schema object to
 * every `validate` call, and z-schema 12 then clones it, compiles it and checks it against the
 * JSON Schema meta-schema each time (~1 ms a document, most of a live change's write). Here the
 * schema is registered once under an id and every document is validated against the compiled one
 * (~0.1 ms): the same rules and the same errors.
 */
export function compiledValidator(schema: RxJsonSchema<unknown>): (doc: unknown) => RxValidationError[] {
  const validator = ZSchemaClass.create({ strictMode: false });
  // One validator per schema, so the id never meets another schema's.
  validator.validateSchema({ ...(schema as object), id: SCHEMA_ID });
  return (doc) => {
    const result = validator.validateSafe(doc, SCHEMA_ID);
    if (result.valid) return [];
    // RxDB's fields, and what its z-schema plugin reports beside them.
    return (result.err?.details ?? []).map(({ title, description, message, path }) =>
      Object.assign(
        { field: Array.isArray(path) ? path.join('/') : String(path), message },
        { title, description, path },
      ),
    );
  };
}

/** RxDB's validating storage wrapper (documents checked before every write) with `compiledValidator`. */
export const wrappedValidateCompiledZSchemaStorage = wrappedValidateStorageFactory(
  compiledValidator,
  'z-schema-compiled',
);
