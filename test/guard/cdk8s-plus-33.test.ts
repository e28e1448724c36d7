import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import { MemoryLogger, tempDir } from './_helpers';
import { GuardMode, PolicyGuard, Suppressions } from '../../src/guard';
import { ReportFormat } from '../../src/report';
import { runMain } from '../cli/helpers';

/** Apps written with cdk8s-plus-33 are checked like any other: the guard reads only ApiObjects. */
describe('an app on cdk8s-plus-33', () => {
  function build() {
    const outdir = tempDir('guard-kplus33-');
    const app = Testing.app({ outdir });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const web = new kplus33.Deployment(chart, 'web', {
      containers: [{ name: 'web', image: 'registry.example.com/web:1.0', portNumber: 8080, securityContext: { privileged: true, allowPrivilegeEscalation: true } }],
    });
    Suppressions.add(web, [{ ruleId: 'seccompProfile_restricted', reason: 'the node runtime applies its default seccomp profile' }]);
    const guard = PolicyGuard.of(app, { mode: GuardMode.WARN, reportFormats: [ReportFormat.JSON], logger: new MemoryLogger() });
    return { app, guard };
  }

  test('the guard finds what the restricted level forbids, at the construct path', () => {
    // GIVEN
    const { guard } = build();

    // WHEN
    const findings = guard.findings();

    // THEN
    expect(findings.map(f => `${f.ruleId}@${f.constructPath}${f.suppressed ? ' (suppressed)' : ''}`)).toEqual([
      'privileged@shop/web/Resource',
      'allowPrivilegeEscalation@shop/web/Resource',
      'capabilities_restricted@shop/web/Resource',
      'seccompProfile_restricted@shop/web/Resource (suppressed)',
    ]);
  });

  test('the CLI on the synthesized output gives the same verdict, the suppression included', async () => {
    // GIVEN
    const { app, guard } = build();
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(guard.reportDir, 'guard-report.json'), 'utf8'));

    // WHEN
    const cli = await runMain(['validate', '--format', 'json', app.outdir]);

    // THEN
    const verdict = (r: any) => r.results.map((x: any) => `${x.ruleId}:${x.suppressed ? x.suppressionReason : x.severity}`);
    expect(cli.code).toBe(1);
    expect(verdict(JSON.parse(cli.stdout))).toEqual(verdict(report));
    expect(verdict(report)).toHaveLength(4);
  });
});
