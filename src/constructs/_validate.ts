/**
 * Validation helpers shared by the hardened constructs. @internal
 */
import { SecureDefaults } from './defaults';
import { SecurityException } from './exceptions';
import { AppArmorProfile, AppArmorProfileType, SeLinuxOptions } from './security-options';
import { valuesAt } from '../rules/pss/_common';
import { SELINUX_TYPES } from '../rules/pss/seLinuxOptions';

/** A suppression the construct adds for an exception: the rule and the reason. @internal */
export interface RuleSuppression {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Checks an exception's reason; returns the exception when it is given.
 * @param owner e.g. `container "web"` or `SecureDeployment "app/web"`
 * @internal
 */
export function checkException<T extends SecurityException>(name: string, exception: T | undefined, owner: string): T | undefined {
  if (exception === undefined) return undefined;
  const reason = typeof exception?.reason === 'string' ? exception.reason.trim() : '';
  if (reason.length < SecureDefaults.MIN_REASON_LENGTH) {
    throw new Error(`exception "${name}" of ${owner} needs a reason of at least ${SecureDefaults.MIN_REASON_LENGTH} characters, got ${JSON.stringify(exception?.reason ?? '')}`);
  }
  return exception;
}

/** Checks an AppArmor profile. @internal */
export function checkAppArmor(profile: AppArmorProfile | undefined, owner: string): void {
  if (!profile) return;
  if (profile.type !== AppArmorProfileType.RUNTIME_DEFAULT && profile.type !== AppArmorProfileType.LOCALHOST) {
    throw new Error(`${owner} has appArmorProfile type ${JSON.stringify(profile.type)}, expecting "RuntimeDefault" or "Localhost"`);
  }
  if (profile.type === AppArmorProfileType.LOCALHOST && !profile.localhostProfile) {
    throw new Error(`${owner} has appArmorProfile type "Localhost" without localhostProfile, name the profile loaded on the node`);
  }
  if (profile.type !== AppArmorProfileType.LOCALHOST && profile.localhostProfile !== undefined) {
    throw new Error(`${owner} sets appArmorProfile.localhostProfile with type "${profile.type}", use type "Localhost" or remove localhostProfile`);
  }
}

/** The AppArmor field value. @internal */
export function appArmorField(profile: AppArmorProfile): any {
  return profile.type === AppArmorProfileType.LOCALHOST
    ? { type: profile.type, localhostProfile: profile.localhostProfile }
    : { type: profile.type };
}

/** The AppArmor annotation value (before Kubernetes 1.30). @internal */
export function appArmorAnnotation(profile: AppArmorProfile): string {
  return profile.type === AppArmorProfileType.LOCALHOST ? `localhost/${profile.localhostProfile}` : 'runtime/default';
}

/** The first Kubernetes minor with the `appArmorProfile` field. @internal */
export const APPARMOR_FIELD_MINOR = 30;


/** Checks SELinux options against the Pod Security Standards at the target version. @internal */
export function checkSeLinux(options: SeLinuxOptions | undefined, minor: number, owner: string): void {
  if (!options || options.type === undefined || options.type === '') return;
  const allowed = valuesAt(SELINUX_TYPES, minor);
  if (!allowed.includes(options.type)) {
    throw new Error(`${owner} has seLinuxOptions.type ${JSON.stringify(options.type)}, which the Pod Security Standards forbid, expecting one of: ${allowed.join(', ')}`);
  }
}

/** The seLinuxOptions field value. @internal */
export function seLinuxField(options: SeLinuxOptions): any {
  const out: any = {};
  if (options.level !== undefined) out.level = options.level;
  if (options.type !== undefined) out.type = options.type;
  return out;
}
