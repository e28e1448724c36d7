import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { XMLParser } from 'fast-xml-parser';
import { parseAllDocuments } from 'yaml';
import { compliantDeployment, MemoryLogger, plainDeployment } from './_helpers';
import { IRule, RuleContext, RuleViolation, Severity } from '../../src/engine';
import { GuardMode, PolicyGuard } from '../../src/guard';
import { ReportFormat, ReportRenderer } from '../../src/report';

/** Reports every Deployment as a warning. */
class EveryDeploymentRule implements IRule {
  public readonly ruleId = 'everyDeployment';
  public readonly description = 'Reports every Deployment (test rule).';
  public readonly message = 'deployment seen';
  public readonly fix = 'nothing to fix, this is a test rule';
  public readonly severity = Severity.WARNING;
  public evaluate(context: RuleContext): RuleViolation[] {
    return context.resource.kind === 'Deployment' ? [{ path: '/kind', detail: `deployment "${context.resource.name}" seen` }] : [];
  }
}

describe('the console: one consistent summary per synth', () => {
  test('a failing synth prints nothing and throws one error that also counts what does not fail', () => {
    // GIVEN a failing Deployment and a warning on every Deployment
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    plainDeployment(chart, 'web');
    const logger = new MemoryLogger();
    const guard = PolicyGuard.of(app, { logger, customRules: [new EveryDeploymentRule()], reportFormats: [] });

    // WHEN
    let message = '';
    try {
      app.synth();
    } catch (err) {
      message = (err as Error).message;
    }

    // THEN nothing was printed besides the error, which has the failing findings and one line for the rest
    expect(logger.messages).toEqual([]);
    expect(message).toContain('cdk8s-guard: 2 findings at or above "error", PSS restricted latest; no manifest was written');
    expect(message).toContain('✖ 2 violations, 0 suppressed, 0 errors, 1 resource checked');
    expect(message).toContain(`also 1 finding below "error" (1 warning), which do not fail the synth (see the reports in ${guard.reportDir})`);
    expect(message).not.toContain('the synth continues');
    expect(message).not.toContain('✔');
  });

  test('Testing.synth prints one line for findings that do not fail, and the details only with verbose', () => {
    // GIVEN two apps with a warning, one quiet and one verbose
    const build = (verbose?: boolean) => {
      const app = Testing.app();
      compliantDeployment(new Chart(app, 'test'), 'web');
      const logger = new MemoryLogger();
      PolicyGuard.of(app, { logger, customRules: [new EveryDeploymentRule()], reportFormats: [], ...(verbose !== undefined ? { verbose } : {}) });
      return { app, logger };
    };
    const quiet = build();
    const verbose = build(true);

    // WHEN
    Testing.synth(quiet.app.charts[0]);
    Testing.synth(verbose.app.charts[0]);

    // THEN
    expect(quiet.logger.messages).toHaveLength(1);
    expect(quiet.logger.messages[0].split('\n')).toHaveLength(1);
    expect(quiet.logger.messages[0]).toMatch(/^cdk8s-guard \(enforce\): 1 finding below "error" \(1 warning\), which do not fail the synth; the reports in .* list them \(verbose: true prints them\)$/);
    expect(verbose.logger.messages).toHaveLength(1);
    expect(verbose.logger.messages[0]).toMatch(/^cdk8s-guard \(enforce\): 1 finding below "error" \(1 warning\), which do not fail the synth\n/);
    expect(verbose.logger.messages[0]).toContain('deployment "test-web-');
  });

  test('a compliant synth prints nothing', () => {
    const app = Testing.app();
    compliantDeployment(new Chart(app, 'test'), 'web');
    const logger = new MemoryLogger();
    PolicyGuard.of(app, { logger, reportFormats: [] });
    Testing.synth(app.charts[0]);
    expect(logger.messages).toEqual([]);
  });
});

describe('reports of a synthesized app', () => {
  /** An app in warn mode with findings in a second document of its file, and a ClusterRole. */
  function synthesized() {
    const app = Testing.app();
    const chart = new Chart(app, 'shop');
    new ApiObject(chart, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] } as any);
    compliantDeployment(chart, 'api');
    plainDeployment(chart, 'web');
    const reportFormats = [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT];
    const guard = PolicyGuard.of(app, { mode: GuardMode.WARN, logger: new MemoryLogger(), reportFormats });
    app.synth();
    const read = (format: ReportFormat) => fs.readFileSync(path.join(guard.reportDir, ReportRenderer.fileName(format)), 'utf8');
    const manifestFile = path.join(app.outdir, 'shop.k8s.yaml');
    const json = JSON.parse(read(ReportFormat.JSON));
    const sarif = JSON.parse(read(ReportFormat.SARIF));
    return { app, manifestFile, json, sarif, junit: read(ReportFormat.JUNIT) };
  }

  test('JSON and SARIF results point at the line of their field in the manifest file the synth wrote', () => {
    // GIVEN
    const { manifestFile, json, sarif } = synthesized();
    const docs = parseAllDocuments(fs.readFileSync(manifestFile, 'utf8'));
    const lines = fs.readFileSync(manifestFile, 'utf8').split('\n');

    // THEN every result has the document and line where its field is
    expect(json.results.length).toBe(2);
    for (const r of json.results) {
      expect(r.file).toBe(manifestFile.split(path.sep).join('/'));
      const doc = (docs as any[])[r.documentIndex].toJS();
      expect(doc.metadata.name).toBe(r.resource.name);
      // the line holds the deepest key of the pointer that the manifest has
      const keys = r.path.split('/').filter((t: string) => t !== '' && !/^\d+$/.test(t));
      expect(keys.some((k: string) => lines[r.line - 1].includes(`${k}:`))).toBe(true);
    }
    const lineOf = (ruleId: string) => json.results.find((r: any) => r.ruleId === ruleId).line;
    expect(sarif.runs[0].results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.region.startLine]).sort())
      .toEqual([['capabilities_restricted', lineOf('capabilities_restricted')], ['seccompProfile_restricted', lineOf('seccompProfile_restricted')]].sort());
  });

  test('JUnit has one case per resource, holding its failures; the ClusterRole passes once, not once per rule', () => {
    // GIVEN
    const { junit } = synthesized();

    // WHEN
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: n => ['testsuite', 'testcase'].includes(n) }).parse(junit);

    // THEN
    const cases = doc.testsuites.testsuite[0].testcase;
    expect(cases.map((c: any) => [c.name.replace(/-[0-9a-f]{8}$/, ''), c.failure !== undefined ? c.failure.type : 'pass'])).toEqual([
      ['Deployment shop-api', 'pass'],
      ['ClusterRole reader', 'pass'],
      ['Deployment shop-web', 'capabilities_restricted,seccompProfile_restricted'],
    ]);
    expect(doc.testsuites.tests).toBe('3');
  });
});
