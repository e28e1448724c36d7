import { defaultNamespace } from './defaultNamespace';
import { defaultServiceAccount } from './defaultServiceAccount';
import { imageDigest } from './imageDigest';
import { imagePullPolicy } from './imagePullPolicy';
import { imageRegistry } from './imageRegistry';
import { imageTag } from './imageTag';
import { networkPolicy } from './networkPolicy';
import { podSecurityAdmission } from './podSecurityAdmission';
import { readOnlyRootFilesystem } from './readOnlyRootFilesystem';
import { resourceLimits } from './resourceLimits';
import { resourceRequests } from './resourceRequests';
import { rootGroup } from './rootGroup';
import { secretEnv } from './secretEnv';
import { serviceAccountToken } from './serviceAccountToken';
import { RuleDefinition } from '../../engine/rule';

/** Every organization rule, one file each. @internal */
export const ORG_RULES: readonly RuleDefinition[] = [
  defaultNamespace,
  defaultServiceAccount,
  imageDigest,
  imagePullPolicy,
  imageRegistry,
  imageTag,
  networkPolicy,
  podSecurityAdmission,
  readOnlyRootFilesystem,
  resourceLimits,
  resourceRequests,
  rootGroup,
  secretEnv,
  serviceAccountToken,
];
