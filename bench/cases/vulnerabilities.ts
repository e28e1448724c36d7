/**
 * The vulnerability gate in the CLI: the same manifests validated with and without 100 Trivy
 * reports of 100 vulnerabilities each (10,000 entries for 100 images).
 */
import * as fs from 'fs';
import * as path from 'path';
import { BenchCase } from '../types';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join('.bench', 'vulnerabilities');
const CLI = path.join('lib', 'cli', 'main.js');
const IMAGES = 100;
const VULNS_PER_IMAGE = 100;
const FILES = 100;
const DOCS_PER_FILE = 100;

/** The digest of image `i` (64 hex digits). */
function digest(i: number): string {
  return 'sha256:' + i.toString(16).padStart(8, '0').repeat(8);
}

const SEVERITIES = ['LOW', 'MEDIUM', 'LOW', 'UNKNOWN', 'MEDIUM'];

/** A Trivy report (SchemaVersion 2) of image `i`: 100 entries, 2 of them high or critical. */
function trivyReport(i: number): string {
  const vulns = [];
  for (let v = 0; v < VULNS_PER_IMAGE; v++) {
    const severity = v === 0 ? 'CRITICAL' : v === 1 ? 'HIGH' : SEVERITIES[v % SEVERITIES.length];
    vulns.push({
      VulnerabilityID: `CVE-2024-${String(i * VULNS_PER_IMAGE + v).padStart(5, '0')}`,
      PkgID: `pkg-${v}@1.${v}.0-r0`,
      PkgName: `pkg-${v}`,
      PkgIdentifier: { PURL: `pkg:apk/alpine/pkg-${v}@1.${v}.0-r0?arch=x86_64&distro=3.19.0`, UID: `${i}-${v}` },
      InstalledVersion: `1.${v}.0-r0`,
      FixedVersion: v % 3 === 0 ? '' : `1.${v}.1-r0`,
      Status: v % 3 === 0 ? 'affected' : 'fixed',
      Layer: { DiffID: digest(i + 1000) },
      SeveritySource: 'nvd',
      PrimaryURL: `https://avd.aquasec.com/nvd/cve-2024-${i * VULNS_PER_IMAGE + v}`,
      DataSource: { ID: 'alpine', Name: 'Alpine Secdb', URL: 'https://secdb.alpinelinux.org/' },
      Title: `pkg-${v}: a made-up flaw used to measure the gate`,
      Description: 'A long description as scanners carry it. '.repeat(8),
      Severity: severity,
      CweIDs: ['CWE-787'],
      CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', V3Score: 9.8 } },
      References: [`https://example.com/advisories/${i}-${v}`],
      PublishedDate: '2024-01-01T00:00:00Z',
      LastModifiedDate: '2024-02-01T00:00:00Z',
    });
  }
  return JSON.stringify({
    SchemaVersion: 2,
    CreatedAt: new Date().toISOString(),
    ArtifactName: `registry.example.com/web-${i}@${digest(i)}`,
    ArtifactType: 'container_image',
    Metadata: {
      OS: { Family: 'alpine', Name: '3.19.0' },
      ImageID: digest(i + 2000),
      RepoDigests: [`registry.example.com/web-${i}@${digest(i)}`],
    },
    Results: [{ Target: `registry.example.com/web-${i} (alpine 3.19.0)`, Class: 'os-pkgs', Type: 'alpine', Vulnerabilities: vulns }],
  }, null, 2);
}

/** A compliant Deployment (restricted) whose image is one of the 100 scanned images. */
function deployment(n: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${n}
spec:
  selector:
    matchLabels: {app: web-${n}}
  template:
    metadata:
      labels: {app: web-${n}}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example.com/web-${n % IMAGES}@${digest(n % IMAGES)}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
`;
}

function service(n: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: web-${n}
spec:
  selector: {app: web-${n}}
  ports:
    - port: 80
`;
}

function prepare(): void {
  const full = path.join(ROOT, DIR);
  fs.rmSync(full, { recursive: true, force: true });
  fs.mkdirSync(path.join(full, 'manifests'), { recursive: true });
  fs.mkdirSync(path.join(full, 'reports'), { recursive: true });
  for (let f = 0; f < FILES; f++) {
    const docs: string[] = [];
    for (let d = 0; d < DOCS_PER_FILE; d++) {
      const n = f * DOCS_PER_FILE + d;
      docs.push(n % 2 === 0 ? deployment(n) : service(n));
    }
    fs.writeFileSync(path.join(full, 'manifests', `${String(f).padStart(3, '0')}.yaml`), docs.join('---\n'));
  }
  const reports: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const file = `image-${String(i).padStart(3, '0')}.trivy.json`;
    fs.writeFileSync(path.join(full, 'reports', file), trivyReport(i));
    reports.push(`reports/${file}`);
  }
  fs.writeFileSync(path.join(full, 'guard.yaml'), `vulnerabilities:\n  reports:\n${reports.map(r => `    - ${r}\n`).join('')}`);
}

export const cases: BenchCase[] = [
  {
    id: 'cli-vulnerabilities',
    title: 'CLI: validate 10,000 documents (5,000 Deployments of 100 images) with 100 Trivy reports of 100 vulnerabilities each, against the same run without reports',
    goal: 'the vulnerability gate adds at most 0.5× to the CLI\'s time on the same manifests',
    maxTimeRatio: 1.5,
    prepare,
    baseline: { label: 'validate --format json', argv: [CLI, 'validate', '--format', 'json', path.join(DIR, 'manifests')] },
    subject: {
      label: 'validate --format json --config (100 reports)',
      argv: [CLI, 'validate', '--format', 'json', '--config', path.join(DIR, 'guard.yaml'), path.join(DIR, 'manifests')],
      okExitCodes: [1],
    },
  },
];
