// Characters XML 1.0 does not allow, even escaped.
const INVALID_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Characters that may be invalid in XML: the costly Unicode-aware removal runs only when one is present.
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

// Anything xmlEscape changes: the common clean case returns the string as it is.
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const MARKUP = /[&<>"']/g;
const ENTITIES: { [ch: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;' };
const entityOf = (ch: string): string => ENTITIES[ch];

/** Escapes text for XML content and attribute values; drops characters XML cannot carry. @internal */
export function xmlEscape(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  const valid = MAYBE_INVALID.test(value) ? value.replace(INVALID_XML, '') : value;
  // One pass over the text: every markup character is replaced by its entity.
  return valid.replace(MARKUP, entityOf);
}

const NEEDS_ATTR_ESCAPE = /[&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_WHITESPACE = /[\n\r\t]/g;
const WHITESPACE_REFS: { [ch: string]: string } = { '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
const whitespaceRefOf = (ch: string): string => WHITESPACE_REFS[ch];

/** Escapes an attribute value, also keeping line breaks and tabs as character references. @internal */
export function xmlAttr(value: string): string {
  if (!NEEDS_ATTR_ESCAPE.test(value)) return value;
  return xmlEscape(value).replace(ATTR_WHITESPACE, whitespaceRefOf);
}
