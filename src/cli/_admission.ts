/**
 * `cdk8s-guard admission-policy`: writes the policy as ValidatingAdmissionPolicy objects. @internal
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { addPolicyOptions, PolicyCliOptions, policyOptionsOf } from './_options';
import { AdmissionAction, emitAdmissionPolicies } from '../admission/emit';
import { exemptionsFromSuppressions } from '../admission/exemptions';
import { Policy } from '../policy/policy';

/** The options commander parsed for `admission-policy`. @internal */
export interface AdmissionCliOptions extends PolicyCliOptions {
  readonly action: string;
  readonly output?: string;
}

/** Streams of one run. @internal */
export interface AdmissionIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly cwd?: string;
}

const ACTIONS: { [name: string]: AdmissionAction } = {
  deny: AdmissionAction.DENY,
  warn: AdmissionAction.WARN,
  audit: AdmissionAction.AUDIT,
};

/** A YAML stream of the objects. @internal */
export function toYamlStream(objects: readonly unknown[]): string {
  return objects.map(o => stringify(o, { lineWidth: 0 })).join('---\n');
}

/**
 * Adds the `admission-policy` command to the program; `done` receives the exit status. @internal
 */
export function addAdmissionCommand(program: Command, io: AdmissionIo, done: (status: number) => void): void {
  const admissionCommand = program
    .command('admission-policy')
    .description('Write the policy as ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects (Kubernetes 1.30 or newer), with exemptions from the config suppressions that name a workload.');
  addPolicyOptions(admissionCommand, 'rule pack to run besides the level (repeatable), e.g. hardened', 'config file (YAML or JSON): level, version, packs, rule parameters, severities, suppressions')
    .addOption(new Option('--action <action>', 'what the binding does when a validation fails').choices(Object.keys(ACTIONS)).default('deny'))
    .addOption(new Option('--output <file>', 'write the objects to this file instead of standard output'))
    .action((opts: AdmissionCliOptions, command: Command) => {
      done(run(opts, command, io));
    });
}

function run(opts: AdmissionCliOptions, command: Command, io: AdmissionIo): number {
  let text: string;
  try {
    const policy = Policy.resolve(policyOptionsOf(opts, name => command.getOptionValueSource(name), io.cwd ?? process.cwd()));
    const evaluator = policy.evaluator;
    const suppressions = policy.configSuppressions.filter(s => !policy.unsuppressible.has(s.ruleId) && !policy.neverSuppressed.has(s.ruleId));
    const { exemptions, skipped } = exemptionsFromSuppressions(suppressions, evaluator.ruleIds());
    const emitted = emitAdmissionPolicies({ evaluator, action: ACTIONS[opts.action], exemptions });
    for (const rule of emitted.unexpressed) {
      io.stderr.write(`cdk8s-guard: rule "${rule.ruleId}" is not in the admission policy: ${rule.reason}\n`);
    }
    for (const s of skipped) {
      io.stderr.write(`cdk8s-guard: the suppression of "${s.ruleId}" (${s.reason}) is not an exemption in the admission policy: ${s.why}\n`);
    }
    text = toYamlStream(emitted.manifests);
  } catch (err) {
    io.stderr.write(`cdk8s-guard: ${(err as Error).message}\n`);
    return 2;
  }
  if (opts.output !== undefined) {
    try {
      writeFileSync(path.resolve(io.cwd ?? process.cwd(), opts.output), text);
    } catch (err) {
      io.stderr.write(`cdk8s-guard: cannot write the policies to "${opts.output}": ${(err as Error).message}, check the path\n`);
      return 2;
    }
  } else {
    io.stdout.write(text);
  }
  return 0;
}
