/**
 * Reads the vendored pod-security admission fixtures (test/fixtures/pss/testdata), never the
 * shared copy outside the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { PssLevel } from '../../src';

/** Root of the vendored fixtures. */
export const TESTDATA = path.join(__dirname, '..', 'fixtures', 'pss', 'testdata');

/** One fixture file. */
export interface Fixture {
  /** File name, e.g. `privileged0.yaml`. */
  readonly file: string;
  /** The parsed pod. */
  readonly pod: any;
  /** The check the file targets, or undefined for `base*.yaml`. */
  readonly checkId?: string;
}

/** One `<level>/<version>/<pass|fail>` folder. */
export interface FixtureFolder {
  readonly level: PssLevel;
  readonly version: string;
  readonly expect: 'pass' | 'fail';
  /** `<level>/<version>/<expect>`. */
  readonly name: string;
  readonly dir: string;
}

/** File prefix (lowercased check ID) → check ID, and the denial substring of CHECKS.md §5. */
export const CHECKS_BY_PREFIX: { readonly [prefix: string]: { readonly id: string; readonly substring: string } } = {
  privileged: { id: 'privileged', substring: 'privileged' },
  hostnamespaces: { id: 'hostNamespaces', substring: 'host namespaces' },
  hostports: { id: 'hostPorts', substring: 'hostPort' },
  hostpathvolumes: { id: 'hostPathVolumes', substring: 'hostPath' },
  capabilities_baseline: { id: 'capabilities_baseline', substring: 'capabilities' },
  apparmorprofile: { id: 'appArmorProfile', substring: 'forbidden AppArmor profile' },
  selinuxoptions: { id: 'seLinuxOptions', substring: 'seLinuxOptions' },
  procmount: { id: 'procMount', substring: 'procMount' },
  procmount_restricted: { id: 'procMount_restricted', substring: 'procMount' },
  seccompprofile_baseline: { id: 'seccompProfile_baseline', substring: 'seccompProfile' },
  sysctls: { id: 'sysctls', substring: 'forbidden sysctl' },
  windowshostprocess: { id: 'windowsHostProcess', substring: 'hostProcess' },
  hostprobesandhostlifecycle: { id: 'hostProbesAndHostLifecycle', substring: 'probe or lifecycle host' },
  restrictedvolumes: { id: 'restrictedVolumes', substring: 'restricted volume types' },
  allowprivilegeescalation: { id: 'allowPrivilegeEscalation', substring: 'allowPrivilegeEscalation' },
  runasnonroot: { id: 'runAsNonRoot', substring: 'runAsNonRoot' },
  runasuser: { id: 'runAsUser', substring: 'runAsUser' },
  seccompprofile_restricted: { id: 'seccompProfile_restricted', substring: 'seccompProfile' },
  capabilities_restricted: { id: 'capabilities_restricted', substring: 'unrestricted capabilities' },
};

/** At the restricted level, the restricted check that replaces a baseline one also counts. */
export const OVERRIDDEN_BY: { readonly [baselineId: string]: string } = {
  hostPathVolumes: 'restrictedVolumes',
  seccompProfile_baseline: 'seccompProfile_restricted',
  capabilities_baseline: 'capabilities_restricted',
  procMount: 'procMount_restricted',
};

/** The check a file name targets: `capabilities_baseline3.yaml` → `capabilities_baseline`. */
export function prefixOf(file: string): string {
  return file.replace(/[0-9]*\.yaml$/, '');
}

function versionOrder(v: string): number {
  return Number(v.slice('v1.'.length));
}

/** Every fixture folder, sorted by level, version and pass/fail. */
export function fixtureFolders(): FixtureFolder[] {
  const out: FixtureFolder[] = [];
  for (const level of [PssLevel.BASELINE, PssLevel.RESTRICTED]) {
    const versions = fs.readdirSync(path.join(TESTDATA, level)).sort((a, b) => versionOrder(a) - versionOrder(b));
    for (const version of versions) {
      for (const expect of ['pass', 'fail'] as const) {
        const dir = path.join(TESTDATA, level, version, expect);
        if (fs.existsSync(dir)) out.push({ level, version, expect, name: `${level}/${version}/${expect}`, dir });
      }
    }
  }
  return out;
}

/** The YAML file names of one folder, sorted. */
export function listFolder(folder: FixtureFolder): string[] {
  return fs.readdirSync(folder.dir).filter(f => f.endsWith('.yaml')).sort();
}

/** The fixtures of one folder, parsed, sorted by file name. */
export function readFolder(folder: FixtureFolder): Fixture[] {
  return listFolder(folder).map(file => {
    const prefix = prefixOf(file);
    const check = CHECKS_BY_PREFIX[prefix];
    return {
      file,
      pod: parse(fs.readFileSync(path.join(folder.dir, file), 'utf8')),
      ...(check ? { checkId: check.id } : {}),
    };
  });
}
