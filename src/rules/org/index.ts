import { defaultNamespace } from './defaultNamespace';
import { defaultServiceAccount } from './defaultServiceAccount';
import { envSecretValue } from './envSecretValue';
import { hostPathReadOnly } from './hostPathReadOnly';
import { imageDigest } from './imageDigest';
import { imagePullPolicy } from './imagePullPolicy';
import { imageRegistry } from './imageRegistry';
import { imageTag } from './imageTag';
import { imageVulnerabilities } from './imageVulnerabilities';
import { invalidImageReference } from './invalidImageReference';
import { networkPolicy } from './networkPolicy';
import { podSecurityAdmission } from './podSecurityAdmission';
import { rbacClusterAdmin } from './rbacClusterAdmin';
import { rbacEscalation } from './rbacEscalation';
import { rbacExecAttach } from './rbacExecAttach';
import { rbacSecretsAccess } from './rbacSecretsAccess';
import { rbacWildcard } from './rbacWildcard';
import { rbacWorkloadCreate } from './rbacWorkloadCreate';
import { readOnlyRootFilesystem } from './readOnlyRootFilesystem';
import { resourceLimits } from './resourceLimits';
import { resourceRequests } from './resourceRequests';
import { rootGroup } from './rootGroup';
import { secretEnv } from './secretEnv';
import { secretInManifest } from './secretInManifest';
import { serviceAccountToken } from './serviceAccountToken';
import { workloadPrivileges } from './workloadPrivileges';
import { RuleDefinition } from '../../engine/rule';

/** Every organization rule, one file each. @internal */
export const ORG_RULES: readonly RuleDefinition[] = [
  defaultNamespace,
  defaultServiceAccount,
  envSecretValue,
  hostPathReadOnly,
  imageDigest,
  imagePullPolicy,
  imageRegistry,
  imageTag,
  imageVulnerabilities,
  invalidImageReference,
  networkPolicy,
  rbacClusterAdmin,
  rbacEscalation,
  rbacExecAttach,
  rbacSecretsAccess,
  rbacWildcard,
  rbacWorkloadCreate,
  podSecurityAdmission,
  readOnlyRootFilesystem,
  resourceLimits,
  resourceRequests,
  rootGroup,
  secretEnv,
  secretInManifest,
  serviceAccountToken,
  workloadPrivileges,
];
