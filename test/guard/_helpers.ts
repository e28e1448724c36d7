import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { GuardObserverBase, IGuardLogger } from '../../src/guard';
import { GuardReport, ReportResource, ReportResult, UnusedSuppression } from '../../src/report';

/** Records every observer callback. */
export class RecordingObserver extends GuardObserverBase {
  public readonly violations: ReportResult[] = [];
  public readonly suppressed: ReportResult[] = [];
  public readonly errors: ReportResult[] = [];
  public readonly compliant: ReportResource[] = [];
  public readonly unused: UnusedSuppression[] = [];
  public readonly reports: GuardReport[] = [];
  public onViolation(finding: ReportResult): void { this.violations.push(finding); }
  public onSuppressed(finding: ReportResult): void { this.suppressed.push(finding); }
  public onError(finding: ReportResult): void { this.errors.push(finding); }
  public onCompliant(resource: ReportResource): void { this.compliant.push(resource); }
  public onUnusedSuppression(suppression: UnusedSuppression): void { this.unused.push(suppression); }
  public onReport(report: GuardReport): void { this.reports.push(report); }
}

/** Keeps the guard's console output. */
export class MemoryLogger implements IGuardLogger {
  public readonly messages: string[] = [];
  public log(message: string): void { this.messages.push(message); }
}

/** A plain cdk8s-plus Deployment (restricted: fails seccompProfile_restricted and capabilities_restricted). */
export function plainDeployment(scope: Construct, id: string, containers: kplus.ContainerProps[] = [{ image: 'nginx' }]): kplus.Deployment {
  return new kplus.Deployment(scope, id, { containers });
}

/** Patches a plain Deployment's manifest so that it passes the restricted level. */
export function hardenWithPatches(deployment: kplus.Deployment): void {
  ApiObject.of(deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
  );
}

/** A plain Deployment already patched to pass restricted. */
export function compliantDeployment(scope: Construct, id: string): kplus.Deployment {
  const d = plainDeployment(scope, id);
  hardenWithPatches(d);
  return d;
}

/** A raw ApiObject: a Pod with the given spec. */
export function rawPod(chart: Chart, id: string, spec: any): ApiObject {
  return new ApiObject(chart, id, { apiVersion: 'v1', kind: 'Pod', metadata: { name: id.toLowerCase() }, spec } as any);
}

/** A fresh empty temp directory. */
export function tempDir(prefix = 'guard-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Short `ruleId@constructPath` labels, for compact assertions. */
export function labels(findings: readonly ReportResult[]): string[] {
  return findings.map(f => `${f.ruleId}@${f.constructPath}${f.container !== undefined ? `[${f.container}]` : ''}${f.suppressed ? ' (suppressed)' : ''}`);
}
