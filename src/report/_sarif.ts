import { pathToFileURL } from 'url';
import type * as sarif from 'sarif';
import { count, resourceLabel, TOOL_NAME, TOOL_URI } from './_common';
import { GuardReport, ReportResult } from './model';
import { RuleInfo, Severity } from '../engine/types';
import { securitySeverityOf } from '../vulnerabilities/severity';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function sarifLevel(severity: Severity | string): sarif.ReportingConfiguration.level {
  return severity === Severity.ERROR ? 'error' : severity === Severity.WARNING ? 'warning' : 'note';
}

/** A file path as a SARIF URI: absolute paths become `file://` URLs, relative ones stay relative. */
function fileUri(file: string): string {
  const posix = file.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(posix) || posix.startsWith('/')) return pathToFileURL(file).href;
  return posix.split('/').map(encodeURIComponent).join('/');
}

function descriptor(rule: RuleInfo): sarif.ReportingDescriptor {
  return {
    id: rule.ruleId,
    name: rule.ruleId,
    shortDescription: { text: rule.message || rule.ruleId },
    fullDescription: { text: rule.description || rule.message || rule.ruleId },
    help: {
      text: `${rule.description}\nFix: ${rule.fix}`,
      markdown: `${rule.description}\n\n**Fix:** ${rule.fix}${rule.helpUri ? `\n\nSee ${rule.helpUri}` : ''}`,
    },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: ['security', 'kubernetes'] },
  };
}

/** A descriptor for a rule that appears in results but not in the report's rule list. */
function descriptorFromResult(r: ReportResult): sarif.ReportingDescriptor {
  return descriptor({
    ruleId: r.ruleId,
    description: r.message,
    message: r.message,
    fix: r.fix,
    severity: r.severity,
    ...(r.helpUri ? { helpUri: r.helpUri } : {}),
  });
}

/**
 * Two 53-bit string hashes (seeds 1 and 2) in one pass, as 28 hex digits (not cryptographic:
 * fingerprints only need to be stable and spread). Bit operations are the point here; a crypto
 * hash per result cost more than the rest of SARIF.
 */
/* eslint-disable no-bitwise */
function hash106(text: string): string {
  let a1 = 0xdeadbeef ^ 1;
  let a2 = 0x41c6ce57 ^ 1;
  let b1 = 0xdeadbeef ^ 2;
  let b2 = 0x41c6ce57 ^ 2;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return finish53(a1, a2) + finish53(b1, b2);
}

function finish53(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
/* eslint-enable no-bitwise */

/** A stable fingerprint of a finding: rule, location, resource, field and container. */
function fingerprint(r: ReportResult): string {
  const where = r.constructPath ?? `${r.file ?? ''}#${r.documentIndex ?? ''}`;
  const res = r.resource;
  const sep = '\u0000';
  return hash106(r.ruleId + sep + where + sep + res.apiVersion + sep + res.kind + sep + (res.namespace ?? '') + sep + res.name + sep + r.path + sep + (r.container ?? ''));
}

/** File URIs by file path: a report names few files in many results. */
type UriCache = Map<string, string>;

function cachedUri(file: string, uris: UriCache): string {
  let uri = uris.get(file);
  if (uri === undefined) uris.set(file, uri = fileUri(file));
  return uri;
}

function lastSegment(constructPath: string): string {
  return constructPath.slice(constructPath.lastIndexOf('/') + 1) || constructPath;
}

/** GitHub code scanning's `security-severity`, for findings about one vulnerability. */
function securitySeverity(r: ReportResult): { 'security-severity'?: string } {
  const score = securitySeverityOf(r.ruleId, r.message);
  return score !== undefined ? { 'security-severity': score } : {};
}

function resultOf(r: ReportResult, ruleIndex: number, uris: UriCache): sarif.Result {
  const location: sarif.Location = {};
  if (r.file !== undefined) {
    location.physicalLocation = {
      artifactLocation: { uri: cachedUri(r.file, uris) },
      ...(r.line !== undefined ? { region: { startLine: r.line } } : {}),
    };
  }
  const resourceName = resourceLabel(r.resource);
  location.logicalLocations = [r.constructPath !== undefined
    ? { name: lastSegment(r.constructPath), fullyQualifiedName: r.constructPath, kind: 'resource' }
    : { name: resourceName, fullyQualifiedName: resourceName, kind: 'resource' }];
  const result: sarif.Result = {
    ruleId: r.ruleId,
    ruleIndex,
    level: sarifLevel(r.severity),
    ...(r.ruleError ? { kind: 'fail' as const } : {}),
    message: { text: `${r.message}: ${r.detail} (at ${r.path || '/'}; fix: ${r.fix})` },
    locations: [location],
    partialFingerprints: { 'cdk8sGuard/v1': fingerprint(r) },
    properties: {
      resource: { ...r.resource },
      path: r.path,
      fix: r.fix,
      ...(r.container !== undefined ? { container: r.container } : {}),
      ...(r.level !== undefined ? { pssLevel: r.level } : {}),
      ...(r.constructPath !== undefined ? { constructPath: r.constructPath } : {}),
      ...(r.ruleError ? { ruleError: true } : {}),
      ...securitySeverity(r),
    },
  };
  if (r.suppressed) {
    result.suppressions = [{
      kind: r.suppressedBy?.startsWith('config:') ? 'external' : 'inSource',
      status: 'accepted',
      justification: r.suppressionReason ?? '',
      ...(r.suppressedBy !== undefined ? { properties: { suppressedBy: r.suppressedBy } } : {}),
    }];
  }
  return result;
}

/** Renders SARIF 2.1.0. @internal */
export function renderSarif(report: GuardReport): string {
  const rules: sarif.ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  for (const rule of report.rules) {
    if (index.has(rule.ruleId)) continue;
    index.set(rule.ruleId, rules.length);
    rules.push(descriptor(rule));
  }
  const results: sarif.Result[] = [];
  const uris: UriCache = new Map();
  for (let k = 0; k < report.results.length; k++) {
    const r = report.results[k];
    let i = index.get(r.ruleId);
    if (i === undefined) {
      i = rules.length;
      index.set(r.ruleId, i);
      rules.push(descriptorFromResult(r));
    }
    results.push(resultOf(r, i, uris));
  }
  const notifications: sarif.Notification[] = [];
  for (const e of report.errors) {
    const region = e.line !== undefined ? { region: { startLine: e.line } } : {};
    const artifactLocation = e.file !== undefined ? { uri: cachedUri(e.file, uris) } : undefined;
    const where = artifactLocation ? { locations: [{ physicalLocation: { artifactLocation, ...region } }] } : {};
    notifications.push({ level: 'error', message: { text: e.message }, descriptor: { id: 'inputError' }, ...where });
  }
  for (const u of report.unusedSuppressions) {
    const containers = u.containers ? ` (containers ${u.containers.map(c => JSON.stringify(c)).join(', ')})` : '';
    const note = u.note ? `; ${u.note}` : '';
    notifications.push({
      level: 'warning',
      message: { text: `unused suppression of "${u.ruleId}" at ${u.scope}${containers}: ${u.reason}${note}` },
      descriptor: { id: 'unusedSuppression' },
    });
  }
  for (const k of report.skipped ?? []) {
    notifications.push({
      level: 'note',
      message: { text: `skipped: ${k.reason}` },
      descriptor: { id: 'skippedFile' },
      locations: [{ physicalLocation: { artifactLocation: { uri: cachedUri(k.file, uris) } } }],
    });
  }
  const log: sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: report.toolVersion,
          semanticVersion: report.toolVersion,
          informationUri: TOOL_URI,
          rules,
        },
      },
      invocations: [{
        executionSuccessful: report.errors.length === 0,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      }],
      results,
      properties: {
        pssLevel: report.level,
        pssVersion: report.version,
        effectiveVersion: report.effectiveVersion,
        summary: { ...report.summary },
        summaryText: `${count(report.summary.violations, 'violation')}, ${report.summary.suppressed} suppressed, ${count(report.summary.errors, 'error')}, ${count(report.summary.resources, 'resource')}`,
        unusedSuppressions: report.unusedSuppressions.map(u => ({ ...u })),
      },
    }],
  };
  return `${JSON.stringify(log)}\n`;
}
