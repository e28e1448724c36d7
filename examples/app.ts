/**
 * The example app: a namespace, a web tier on nginx, a worker and a nightly job, built with the
 * golden constructs and checked by the policy guard with the hardened pack. It synthesizes with
 * zero findings.
 */
import { App, Chart, Cron, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImagePolicy, SecureCronJob, SecureDeployment, SecureNamespace } from '../src/constructs';
import { PolicyGuard } from '../src/guard';
import { Packs } from '../src/packs';

/** The namespace of the example app. */
export const EXAMPLE_NAMESPACE = 'shop';

/** The registries the example trusts. */
export const EXAMPLE_REGISTRIES = ['docker.io/library/', 'registry.example.com/shop/'];

/** nginx 1.27 (unprivileged build), pinned by digest. The digests in this file are placeholders: pin the digest of the image you reviewed. */
const NGINX = 'docker.io/nginxinc/nginx-unprivileged:1.27.3-alpine@sha256:65e3e85dbaed8ba248841d9d58a899b6197106c23cb0ff1a132b7bfe0547e4c0';
const WORKER = 'registry.example.com/shop/worker:2.8.1@sha256:3f1a6b0c9d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8';
const REPORTS = 'registry.example.com/shop/reports:2.8.1@sha256:9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3b4a5968778695a4b3c2d1e0f';

/**
 * Builds the example app into `app`: one chart with the namespace and the workloads, guarded
 * by the hardened pack.
 * @returns the charts it created
 */
export function buildExampleApp(app: App): Chart[] {
  PolicyGuard.of(app, {
    packs: [Packs.HARDENED],
    ruleParams: { imageRegistry: { allowed: [...EXAMPLE_REGISTRIES, 'docker.io/nginxinc/'] } },
  });
  const chart = new Chart(app, 'shop');
  ImagePolicy.apply(chart, new ImagePolicy({ trustedRegistries: [...EXAMPLE_REGISTRIES, 'docker.io/nginxinc/'], requireDigest: true }));
  const metadata = { namespace: EXAMPLE_NAMESPACE };

  new SecureNamespace(chart, 'namespace', {
    name: EXAMPLE_NAMESPACE,
    allowDnsEgress: true,
    resourceQuota: { hard: { 'pods': '30', 'requests.cpu': '8', 'limits.memory': '16Gi' } },
    limitRange: { defaultLimits: { cpu: '500m', memory: '256Mi' }, defaultRequests: { cpu: '100m', memory: '128Mi' } },
  });

  // Each workload runs as a service account of its own, which mounts no token.
  const serviceAccount = (name: string) => new kplus.ServiceAccount(chart, `${name}-sa`, {
    metadata: { ...metadata, name },
    automountToken: false,
  });

  // Web tier: nginx on 8080 with a read-only root filesystem; it writes its cache, pid and temp files.
  const web = new SecureDeployment(chart, 'web', {
    metadata: { ...metadata, name: 'web' },
    replicas: 3,
    serviceAccount: serviceAccount('web'),
    containers: [{
      name: 'nginx',
      image: NGINX,
      portNumber: 8080,
      writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'],
      readiness: kplus.Probe.fromHttpGet('/', { port: 8080 }),
      resources: {
        cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) },
      },
    }],
  });
  web.exposeViaService({ name: 'web', ports: [{ port: 80, targetPort: 8080 }] });

  // Background worker.
  new SecureDeployment(chart, 'worker', {
    metadata: { ...metadata, name: 'worker' },
    replicas: 2,
    serviceAccount: serviceAccount('worker'),
    containers: [{
      name: 'worker',
      image: WORKER,
      args: ['--queue', 'orders'],
      writablePaths: ['/tmp'],
    }],
  });

  // Nightly report.
  new SecureCronJob(chart, 'reports', {
    metadata: { ...metadata, name: 'nightly-reports' },
    schedule: Cron.schedule({ minute: '30', hour: '2' }),
    serviceAccount: serviceAccount('reports'),
    containers: [{ name: 'reports', image: REPORTS, args: ['--since', '24h'] }],
  });

  return [chart];
}
