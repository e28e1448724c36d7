import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { StoredSuppression, storedOn } from './_store';
import { SuppressionAnnotation } from '../policy/annotations';

/** Per construct-tree root: the constructs that declared suppressions. */
const DECLARING = new WeakMap<IConstruct, Set<IConstruct>>();

/**
 * The code suppressions that cover an ApiObject: those declared on the object and on every
 * construct above it, outermost first (nearest last). @internal
 */
export function suppressionsCovering(obj: IConstruct): StoredSuppression[] {
  let out: StoredSuppression[] = [];
  const scopes = obj.node.scopes;
  for (let i = 0; i < scopes.length; i++) {
    const own = storedOn(scopes[i]);
    if (own.length > 0) out = out.concat(own);
  }
  return out;
}

/**
 * Writes the suppressions that cover each ApiObject below the constructs that declared some into
 * that object's `cdk8s-guard.io/suppressions` annotation, so decisions made in code travel with
 * the synthesized manifests. Idempotent: the value is computed afresh from the tree. @internal
 */
export function writeDecisions(root: IConstruct): void {
  const declaring = DECLARING.get(root);
  if (!declaring) return;
  const done = new Set<ApiObject>();
  for (const scope of declaring) {
    for (const c of scope.node.findAll()) {
      if (!ApiObject.isApiObject(c) || done.has(c)) continue;
      done.add(c);
      const list = suppressionsCovering(c);
      if (list.length > 0) c.metadata.addAnnotation(SuppressionAnnotation.KEY, SuppressionAnnotation.format(list));
    }
  }
}

/**
 * Notes that `scope` declared suppressions, and makes sure that every synth of its tree records
 * them in the manifests, with or without a policy guard (for apps checked only by the cdk8s CLI
 * plugin or the CLI): a validation on the tree's root writes them before anything is rendered.
 * @internal
 */
export function declareSuppressions(scope: IConstruct): void {
  const root = scope.node.root;
  let declaring = DECLARING.get(root);
  if (!declaring) {
    declaring = new Set();
    DECLARING.set(root, declaring);
    root.node.addValidation({
      validate: () => {
        writeDecisions(root);
        return [];
      },
    });
  }
  declaring.add(scope);
}
