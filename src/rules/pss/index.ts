import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';
import { appArmorProfile } from './appArmorProfile';
import { capabilities_baseline } from './capabilities_baseline';
import { capabilities_restricted } from './capabilities_restricted';
import { hostNamespaces } from './hostNamespaces';
import { hostPathVolumes } from './hostPathVolumes';
import { hostPorts } from './hostPorts';
import { hostProbesAndHostLifecycle } from './hostProbesAndHostLifecycle';
import { privileged } from './privileged';
import { procMount } from './procMount';
import { procMount_restricted } from './procMount_restricted';
import { restrictedVolumes } from './restrictedVolumes';
import { runAsNonRoot } from './runAsNonRoot';
import { runAsUser } from './runAsUser';
import { seccompProfile_baseline } from './seccompProfile_baseline';
import { seccompProfile_restricted } from './seccompProfile_restricted';
import { seLinuxOptions } from './seLinuxOptions';
import { sysctls } from './sysctls';
import { windowsHostProcess } from './windowsHostProcess';
import { RuleDefinition } from '../../engine/rule';

/** Every Pod Security Standards check, one file each: 12 baseline, then 7 restricted. @internal */
export const PSS_CHECKS: readonly RuleDefinition[] = [
  appArmorProfile,
  capabilities_baseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfile_baseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilities_restricted,
  procMount_restricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfile_restricted,
];
