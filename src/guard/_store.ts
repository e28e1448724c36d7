import { IConstruct } from 'constructs';
import { RecordedSuppression } from '../policy/annotations';

/** Node metadata type under which suppressions are stored. @internal */
export const SUPPRESSION_METADATA_TYPE = 'cdk8s-guard:suppression';

/** A suppression as stored on a construct: its scope is the construct path it was declared on. @internal */
export interface StoredSuppression extends RecordedSuppression {
  readonly scope: string;
}

/** The suppressions stored on one construct, in declaration order. @internal */
export function storedOn(scope: IConstruct): StoredSuppression[] {
  const out: StoredSuppression[] = [];
  const metadata = scope.node.metadata;
  for (let i = 0; i < metadata.length; i++) {
    const entry = metadata[i];
    if (entry.type === SUPPRESSION_METADATA_TYPE) out.push(entry.data as StoredSuppression);
  }
  return out;
}
