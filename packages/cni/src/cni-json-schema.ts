import { z } from 'zod';
import { CniError } from './cni-error.ts';
import { describeValue } from './internal/input.ts';
import { type ListSpecVersion, netConfListSchemas } from './net-conf-list-schema.ts';
import { pluginConfSchema } from './plugin-conf-schema.ts';
import {
  errorResultSchema,
  type ResultVersion,
  resultSchemas,
  versionResultSchema,
} from './result-schema.ts';
import { runtimeConfigSchema } from './runtime-config-schema.ts';

/** The documents a JSON Schema can be produced for. */
export type CniJsonSchemaKind = 'conflist' | 'plugin' | 'result' | 'error' | 'version' | 'runtimeConfig';

/**
 * A JSON Schema (draft 2020-12, via `z.toJSONSchema`) for editors and other languages: a
 * `.conflist` or a result of a given spec version, a plugin object, an error or VERSION result, or
 * `runtimeConfig`. Refinements that JSON Schema cannot express (IP syntax, plugin cross-field
 * rules) are only enforced by the parsers.
 *
 * @example
 * ```ts
 * const schema = cniJsonSchema('conflist', '1.1.0');
 * schema.required; // ['cniVersion', 'name', 'plugins']
 * ```
 */
export function cniJsonSchema(kind: CniJsonSchemaKind, version = '1.1.0'): Record<string, unknown> {
  if (typeof version !== 'string') {
    throw new CniError('INVALID_ARGUMENT', `version must be a string, got ${describeValue(version)}`);
  }
  let schema: z.ZodType;
  switch (kind) {
    case 'conflist': {
      const s = Object.hasOwn(netConfListSchemas, version)
        ? netConfListSchemas[version as ListSpecVersion]
        : undefined;
      if (s === undefined)
        throw new CniError('UNSUPPORTED_VERSION', `no conflist schema for version ${version}`);
      schema = s;
      break;
    }
    case 'result': {
      const s = Object.hasOwn(resultSchemas, version) ? resultSchemas[version as ResultVersion] : undefined;
      if (s === undefined)
        throw new CniError('UNSUPPORTED_VERSION', `no result schema for version ${version}`);
      schema = s;
      break;
    }
    case 'plugin':
      schema = pluginConfSchema;
      break;
    case 'error':
      schema = errorResultSchema;
      break;
    case 'version':
      schema = versionResultSchema;
      break;
    case 'runtimeConfig':
      schema = runtimeConfigSchema;
      break;
    default:
      throw new CniError('INVALID_ARGUMENT', `unknown schema kind ${describeValue(kind)}`);
  }
  return z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
}
