/** Escapes one reference token of a JSON pointer (RFC 6901). @internal */
export function escapePointerToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  if (token.indexOf('~') < 0 && token.indexOf('/') < 0) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends one token to a JSON pointer (the allocation-free form of `joinPointer`). @internal */
export function appendPointer(base: string, token: string | number): string {
  return base + '/' + escapePointerToken(token);
}

/** Appends tokens to a JSON pointer. @internal */
export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  let out = base;
  for (let i = 0; i < tokens.length; i++) out += '/' + escapePointerToken(tokens[i]);
  return out;
}

/** Splits a JSON pointer into its unescaped tokens. @internal */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Renders a JSON pointer as a readable field path, e.g. `spec.containers[0].securityContext`. @internal */
export function pointerToFieldPath(pointer: string): string {
  let out = '';
  for (const t of splitPointer(pointer)) {
    if (/^(0|[1-9][0-9]*)$/.test(t)) out += `[${t}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(t)) out += (out ? '.' : '') + t;
    else out += `[${JSON.stringify(t)}]`;
  }
  return out;
}
