/**
 * A worst-case cost estimate of CEL expressions, modelled on the API server's (cel-go's) estimator:
 * every node costs 1, `&&`/`||` cost both sides, a conditional its condition and its dearer
 * branch, a comprehension its range plus, per element, its condition and step; string functions
 * cost a tenth of the string's length (times the pattern for `matches`). Lists and maps have at
 * most `maxItems` entries (pods of up to 100 containers per list, 100 volumes, and 100 of any
 * other list), strings at most `maxStringLength` characters.
 */
import { parse } from '@bufbuild/cel';

/** The bounds of the estimate. */
export interface CostBounds {
  readonly maxItems: number;
  readonly maxStringLength: number;
}

/** The bounds the policies are held to. */
export const POD_BOUNDS: CostBounds = { maxItems: 100, maxStringLength: 1024 };

const STRING_FUNCTIONS = new Set([
  'startsWith', 'endsWith', 'contains', 'matches', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii',
  'replace', 'split', 'substring', 'trim', 'join', '_+_',
]);

function stringCost(bounds: CostBounds): number {
  return Math.ceil(bounds.maxStringLength * 0.1);
}

function cost(expr: any, bounds: CostBounds): number {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'constExpr':
    case 'identExpr':
      return 1;
    case 'selectExpr':
      return 1 + cost(kind.value.operand, bounds);
    case 'listExpr':
      return 1 + kind.value.elements.reduce((sum: number, e: any) => sum + cost(e, bounds), 0);
    case 'structExpr':
      return 1 + kind.value.entries.reduce((sum: number, e: any) => sum + (e.keyKind.case === 'mapKey' ? cost(e.keyKind.value, bounds) : 0) + cost(e.value, bounds), 0);
    case 'callExpr': {
      const call = kind.value;
      const args = call.args.map((a: any) => cost(a, bounds));
      const target = call.target ? cost(call.target, bounds) : 0;
      if (call.function === '_?_:_') return 1 + args[0] + Math.max(args[1], args[2]);
      let own = 1;
      if (STRING_FUNCTIONS.has(call.function)) own += stringCost(bounds);
      if (call.function === 'matches') {
        const pattern = call.args[0].exprKind.case === 'constExpr' ? String(call.args[0].exprKind.value.constantKind.value).length : bounds.maxStringLength;
        own += stringCost(bounds) * Math.ceil(pattern * 0.25);
      }
      if (call.function === '@in') {
        const list = call.args[1].exprKind;
        own += list.case === 'listExpr' ? list.value.elements.length : bounds.maxItems;
      }
      return own + target + args.reduce((a: number, b: number) => a + b, 0);
    }
    case 'comprehensionExpr': {
      const c = kind.value;
      const range = c.iterRange.exprKind;
      const items = range.case === 'listExpr' ? range.value.elements.length : bounds.maxItems;
      return cost(c.iterRange, bounds) + cost(c.accuInit, bounds)
        + items * (cost(c.loopCondition, bounds) + cost(c.loopStep, bounds)) + cost(c.result, bounds);
    }
    default:
      throw new Error(`no cost for ${kind.case}`);
  }
}

/** The worst-case cost of one expression. */
export function estimateCost(expression: string, bounds: CostBounds = POD_BOUNDS): number {
  return cost(parse(expression).expr, bounds);
}
