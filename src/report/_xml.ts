// Characters XML 1.0 does not allow, even escaped.
const INVALID_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Anything xmlEscape changes: the common clean case returns the string as it is.
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for XML content and attribute values; drops characters XML cannot carry. @internal */
export function xmlEscape(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NEEDS_ATTR_ESCAPE = /[&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes an attribute value, also keeping line breaks and tabs as character references. @internal */
export function xmlAttr(value: string): string {
  if (!NEEDS_ATTR_ESCAPE.test(value)) return value;
  return xmlEscape(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
