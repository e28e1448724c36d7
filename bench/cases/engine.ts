/**
 * Engine throughput: evaluating a realistic mix of manifests at restricted/latest costs no more
 * than JSON.parse of the same manifests.
 */
import { PolicyEvaluator, PssLevel } from '../../src';
import { BenchCase } from '../types';

/** How many manifests the mix holds. */
const COUNT = 5000;

/**
 * Warm-up rounds in setup, on a mix built from another seed: this case measures steady-state
 * throughput, once the JIT has compiled the hot paths (JSON.parse is native and needs none).
 */
const WARMUP_ROUNDS = 3;

/** A small deterministic pseudo-random generator (LCG), so every run sees the same mix. */
function generator(seed: number): () => number {
  let state = seed % 0x100000000;
  return () => {
    state = (state * 1664525 + 1013904223) % 0x100000000;
    return state / 0x100000000;
  };
}

function container(name: string, i: number, random: () => number): any {
  const hardened = random() < 0.8;
  return {
    name,
    image: `registry.example.com/team-${i % 17}/${name}:1.${i % 9}.${i % 5}`,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: 8080 + (i % 3), protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `db-${i % 11}`, key: 'password' } } },
    ],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
    livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 5 },
    volumeMounts: [{ name: 'config', mountPath: '/etc/app', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
    securityContext: hardened
      ? { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 10001, capabilities: { drop: ['ALL'] } }
      : { allowPrivilegeEscalation: random() < 0.5, capabilities: { add: ['NET_ADMIN'] } },
  };
}

function podSpec(i: number, random: () => number, containers: number): any {
  return {
    serviceAccountName: `sa-${i % 13}`,
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 2000 },
    initContainers: [container('migrate', i, random)],
    containers: Array.from({ length: containers }, (_, n) => container(n === 0 ? 'app' : `sidecar-${n}`, i + n, random)),
    volumes: [
      { name: 'config', configMap: { name: `config-${i}` } },
      random() < 0.05 ? { name: 'tmp', hostPath: { path: '/tmp' } } : { name: 'tmp', emptyDir: {} },
    ],
  };
}

function template(i: number, random: () => number, containers: number): any {
  return {
    metadata: { labels: { 'app.kubernetes.io/name': `app-${i}` }, annotations: { 'example.com/revision': String(i) } },
    spec: podSpec(i, random, containers),
  };
}

function metadata(kind: string, i: number): any {
  return { name: `${kind.toLowerCase()}-${i}`, namespace: `ns-${i % 7}`, labels: { 'app.kubernetes.io/name': `app-${i}` } };
}

/** The mix: Deployments, StatefulSets, CronJobs, multi-container Pods, Services and ConfigMaps. */
export function manifestMix(count = COUNT, seed = 42): any[] {
  const random = generator(seed);
  const out: any[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 6) {
      case 0:
        out.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: metadata('Deployment', i), spec: { replicas: 3, selector: { matchLabels: { app: `app-${i}` } }, template: template(i, random, 2) } });
        break;
      case 1:
        out.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: metadata('StatefulSet', i), spec: { serviceName: `svc-${i}`, selector: { matchLabels: { app: `app-${i}` } }, template: template(i, random, 1) } });
        break;
      case 2:
        out.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: metadata('CronJob', i), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template(i, random, 1) } } } });
        break;
      case 3:
        out.push({ apiVersion: 'v1', kind: 'Pod', metadata: metadata('Pod', i), spec: podSpec(i, random, 3) });
        break;
      case 4:
        out.push({ apiVersion: 'v1', kind: 'Service', metadata: metadata('Service', i), spec: { selector: { app: `app-${i}` }, ports: [{ port: 80, targetPort: 8080 }] } });
        break;
      default:
        out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata('ConfigMap', i), data: { 'app.yaml': `replicas: ${i % 5}\nlevel: info\n`, 'feature.flags': 'a=1,b=0' } });
    }
  }
  return out;
}

export const cases: BenchCase[] = [{
  id: 'engine-throughput',
  title: `Engine: evaluateAll of ${COUNT} mixed manifests (Deployments, StatefulSets, CronJobs, Pods, Services, ConfigMaps) at restricted/latest vs JSON.parse of the same manifests`,
  goal: `steady-state evaluation costs no more than JSON.parse of the same manifests (both sides warmed up ${WARMUP_ROUNDS} times on another mix of ${COUNT})`,
  maxTimeRatio: 1.0,
  baseline: {
    label: 'JSON.parse',
    setup: () => {
      const text = JSON.stringify(manifestMix());
      const warmup = JSON.stringify(manifestMix(COUNT, 7));
      for (let i = 0; i < WARMUP_ROUNDS; i++) JSON.parse(warmup);
      return () => JSON.parse(text);
    },
  },
  subject: {
    label: 'evaluateAll',
    setup: () => {
      const manifests = manifestMix();
      const evaluator = new PolicyEvaluator({ level: PssLevel.RESTRICTED, version: 'latest' });
      const warmup = manifestMix(COUNT, 7);
      for (let i = 0; i < WARMUP_ROUNDS; i++) evaluator.evaluateAll(warmup);
      return () => evaluator.evaluateAll(manifests);
    },
  },
}];
