import * as path from 'path';
import { DocumentError, ParsedDocument } from './documents';
import { findPodShapes } from '../engine/pod-templates';

/** The one error an unrendered Helm template gets. @internal */
export const HELM_TEMPLATE_MESSAGE = 'this is a Helm template: render it with `helm template … | cdk8s-guard validate -`';

// A Helm (Go template) action: `{{ .Values.x }}`, `{{- if … }}`, `{{ include … }}`, `{{/* … */}}`.
const HELM_ACTION = /\{\{-?\s*(?:[.$]|\/\*|(?:if|else|end|range|with|define|include|template|block|toYaml|tpl|required|default|printf|quote|nindent|indent|lookup|fail|trim|b64enc)\b)/;

/** 1-based line of the first Helm template action in a text, or undefined. @internal */
export function helmActionLine(text: string): number | undefined {
  const m = HELM_ACTION.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * True when a file is an unrendered Helm template: it holds a Helm action, and its YAML shows
 * it (a document does not parse, or an unquoted value holds `{{`). Manifests that merely carry
 * template text in quoted or block strings (alerting rules, ConfigMaps) are not. @internal
 */
export function isHelmTemplate(text: string, docs: ReadonlyArray<ParsedDocument | DocumentError>): boolean {
  if (helmActionLine(text) === undefined) return false;
  return docs.some(d => d.kind === 'error' || d.templateLine !== undefined);
}

const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io/';

function isKustomization(object: { [key: string]: unknown }): boolean {
  const apiVersion = object.apiVersion;
  return (object.kind === 'Kustomization' || object.kind === 'Component')
    && (apiVersion === undefined || (typeof apiVersion === 'string' && apiVersion.startsWith(KUSTOMIZE_GROUP)));
}

/**
 * Why a file holds no Kubernetes object, or undefined when it does. A document is a Kubernetes
 * object when it has a `kind` (kustomize's own Kustomization and Component aside) or holds a
 * pod spec (a patch without a kind is still checked, and its missing kind reported). @internal
 */
export function nonManifestReason(file: string, docs: readonly ParsedDocument[]): string | undefined {
  for (const d of docs) {
    if (typeof d.object.kind === 'string' && !isKustomization(d.object)) return undefined;
    if (typeof d.object.kind !== 'string' && findPodShapes(d.object, '', []).length > 0) return undefined;
  }
  const name = path.basename(file);
  const lower = name.toLowerCase();
  if (lower === 'chart.yaml' || lower === 'chart.yml') return 'a Helm chart description (Chart.yaml)';
  if (/^values([.-].*)?\.ya?ml$/.test(lower)) return 'Helm chart values';
  if (/^kustomization\.ya?ml$/.test(lower) || docs.some(d => isKustomization(d.object))) {
    return 'a kustomize build file: validate the output of `kubectl kustomize`';
  }
  if (docs.length === 0) return 'no documents';
  return 'no document has a kind';
}
