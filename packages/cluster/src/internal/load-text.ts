import { parseAllDocuments } from 'yaml';
import { ClusterError } from '../cluster-error.ts';
import { LIMITS } from './limits.ts';
import { sanitize } from './sanitize.ts';

/**
 * Parses YAML or JSON text into sanitized plain data, one value per document. The nesting depth and the size
 * are checked on the raw text before the text reaches the YAML parser (yaml 2.9 on Node 20 can crash the
 * process on very deep flow collections), aliases are capped, `__proto__` keys dropped.
 */
export function loadDocuments(text: unknown): unknown[] {
  if (typeof text !== 'string') {
    throw new ClusterError('INVALID_INPUT', `expected YAML or JSON text, got ${describeType(text)}`);
  }
  if (text.length > LIMITS.maxTextLength) {
    throw new ClusterError(
      'INPUT_TOO_LARGE',
      `input of ${text.length} characters is over the limit of ${LIMITS.maxTextLength}`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // JSON first (the common machine form); fall back to YAML flow syntax when it is not strict JSON.
    let parsed: unknown;
    let ok = true;
    try {
      parsed = JSON.parse(body);
    } catch {
      ok = false;
    }
    if (ok) return [sanitize(parsed)];
  }
  // YAML 1.2 counts CRLF and a lone CR as line breaks; normalise them so no "\r" reaches a value
  const yamlText = body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body;
  checkNesting(yamlText);
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(yamlText, { prettyErrors: false });
  } catch (error) {
    throw new ClusterError('YAML_SYNTAX', `YAML could not be parsed: ${messageOf(error)}`);
  }
  if (!Array.isArray(docs)) {
    throw new ClusterError('YAML_SYNTAX', 'YAML could not be parsed');
  }
  const out: unknown[] = [];
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first !== undefined) {
      throw new ClusterError('YAML_SYNTAX', `YAML syntax error: ${firstLine(first.message)}`);
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
    } catch (error) {
      const message = messageOf(error);
      if (/alias/i.test(message)) {
        throw new ClusterError(
          'YAML_ALIAS_LIMIT',
          `YAML aliases expand past the limit of ${LIMITS.maxAliasCount}: ${firstLine(message)}`,
        );
      }
      throw new ClusterError('YAML_SYNTAX', `YAML could not be read: ${firstLine(message)}`);
    }
    out.push(sanitize(value));
    if (out.length > LIMITS.maxDocuments) {
      throw new ClusterError('INPUT_TOO_LARGE', `more than ${LIMITS.maxDocuments} YAML documents`);
    }
  }
  return out;
}

/**
 * A conservative estimate of how deep the YAML nests, from the raw text: flow brackets outside quotes, block
 * indentation and compact `- ` sequence indicators. Refuses text over the documented depth.
 */
function checkNesting(text: string): void {
  const max = LIMITS.maxDepth;
  let flow = 0;
  let quote = 0; // 0 none, 34 ", 39 '
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      indent = 0;
      dashes = 0;
      comment = false;
      if (quote === 39 && flow === 0) quote = 0;
      continue;
    }
    if (comment) continue;
    if (lineStart) {
      if (c === 32) {
        indent++;
        if (indent > max * 8) throw tooDeep();
        continue;
      }
      if (
        (c === 45 || c === 63 || c === 58) &&
        (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)
      ) {
        dashes++;
        if (dashes > max) throw tooDeep();
        i++;
        continue;
      }
      lineStart = false;
    }
    if (quote !== 0) {
      if (c === 92 && quote === 34) {
        i++;
        continue;
      }
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 35 && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      comment = true;
      continue;
    }
    if (c === 34 || c === 39) {
      const prev = i === 0 ? 32 : text.charCodeAt(i - 1);
      if (isSpace(prev) || prev === 91 || prev === 123 || prev === 44 || prev === 58) quote = c;
      continue;
    }
    if (c === 91 || c === 123) {
      flow++;
      if (flow > max) throw tooDeep();
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function tooDeep(): ClusterError {
  return new ClusterError('TOO_DEEP', `YAML nested deeper than ${LIMITS.maxDepth} levels is refused`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? text;
  return line.replace(/\r/g, '');
}

/** Names the JavaScript type of a bad input for a message. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
