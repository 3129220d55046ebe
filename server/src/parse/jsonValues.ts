import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../model/range';
import type { Diagnostic } from '../model/document';
import type { MapEntry, MapValue, Value } from '../model/value';
import { parseStrictJson } from './fastJson';
import { LIMITS } from './limits';

export interface JsonParseResult {
  root: Value | undefined;
  errors: Diagnostic[];
  lines: LineIndex;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'A property name in double quotes is expected',
  ValueExpected: 'A value is expected',
  ColonExpected: "':' is expected",
  CommaExpected: "',' is expected",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: 'Text after the end of the JSON value',
  InvalidCommentToken: 'Comments are not allowed here',
  UnexpectedEndOfComment: 'A comment is not closed',
  UnexpectedEndOfString: 'A string is not closed',
  UnexpectedEndOfNumber: 'A number is not complete',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in a string',
};

/**
 * Parses JSON (CloudFormation or Terraform) into model values with ranges.
 * jsonc-parser is error tolerant: a missing comma still yields the rest of
 * the document, so the editor keeps its hovers while someone types.
 * `transformMap` lets the caller turn long-form intrinsics into intrinsics.
 */
export function parseJsonValues(text: string, transformMap?: (map: MapValue) => Value | undefined): JsonParseResult {
  // Valid JSON (nearly every template on disk) takes the one-pass path; anything else gets the tolerant parser and its messages.
  const strict = parseStrictJson(text, transformMap);
  if (!strict) return parseJsonValuesTolerant(text, transformMap);
  // The fast path needs no LineIndex; build it only for callers that ask (CloudFormation JSON never does).
  let lines: LineIndex | undefined;
  return {
    root: strict.root,
    errors: strict.warnings,
    get lines(): LineIndex {
      return (lines ??= new LineIndex(text));
    },
  };
}

/** The error-tolerant path: a missing comma still yields the rest of the document. */
export function parseJsonValuesTolerant(text: string, transformMap?: (map: MapValue) => Value | undefined): JsonParseResult {
  const lines = new LineIndex(text);
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true });
  const errors: Diagnostic[] = parseErrors.map((e) => ({
    message: MESSAGES[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error),
    range: lines.rangeOf(e.offset, e.offset + e.length),
    severity: 'error',
  }));
  let depthReported = false;

  const convert = (node: JsonNode, depth: number): Value => {
    const range = lines.rangeOf(node.offset, node.offset + node.length);
    if (depth > LIMITS.maxDepth) {
      if (!depthReported) {
        depthReported = true;
        errors.push({ message: `Nesting deeper than ${LIMITS.maxDepth} levels; the deeper part is not analysed.`, range, severity: 'warning' });
      }
      return { kind: 'unknown', text: '', range };
    }
    switch (node.type) {
      case 'object': {
        const entries: MapEntry[] = [];
        for (const prop of node.children ?? []) {
          const [keyNode, valueNode] = prop.children ?? [];
          if (!keyNode) continue;
          const keyRange = lines.rangeOf(keyNode.offset, keyNode.offset + keyNode.length);
          const value: Value = valueNode
            ? convert(valueNode, depth + 1)
            : { kind: 'unknown', text: '', range: { start: keyRange.end, end: keyRange.end } };
          entries.push({ key: String(keyNode.value), keyRange, value });
        }
        const map: MapValue = { kind: 'map', entries, range, flow: true };
        return transformMap?.(map) ?? map;
      }
      case 'array':
        return { kind: 'list', items: (node.children ?? []).map((c) => convert(c, depth + 1)), range, flow: true };
      case 'string':
        return { kind: 'string', value: node.value as string, range };
      case 'number':
        return { kind: 'number', value: node.value as number, range };
      case 'boolean':
        return { kind: 'bool', value: node.value as boolean, range };
      case 'null':
        return { kind: 'null', range };
      default:
        return { kind: 'unknown', text: text.slice(node.offset, node.offset + node.length), range };
    }
  };

  return { root: tree ? convert(tree, 0) : undefined, errors, lines };
}
