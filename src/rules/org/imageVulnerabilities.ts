/**
 * # imageVulnerabilities
 *
 * Images must not ship with known vulnerabilities at or above the minimum severity, as the
 * scanner reports given to the run say (Trivy `trivy image -f json`, SchemaVersion 2, and Grype
 * `grype -o json`). Nothing is fetched: the rule reads only the reports, VEX documents and
 * acceptances given to it.
 *
 * Reads, for init, regular and ephemeral containers:
 * - `image`
 *
 * Allowed values: an image pinned by a sha256 digest that a report covers (Trivy
 * `Metadata.RepoDigests`, multi-arch index digests included; Grype `source.target.manifestDigest`
 * and `repoDigests`; never Trivy's `ImageID`, the config digest), with no vulnerability entry at
 * or above `minSeverity` (`critical`, `high`, `medium`, `low`, `unknown`; default `high`) that
 * is not skipped (`ignoreUnfixed`: entries without a fix), suppressed (a VEX `not_affected` or
 * `fixed` statement for the image, or an acceptance that has not expired), or repeated (one
 * finding per container and ID, package and installed version). A tag-only image, an image no
 * report covers, and a covering report older than `maxReportAge` are violations too.
 *
 * Its parameter is the loaded gate, built from the `vulnerabilities` settings of the config file,
 * the CLI flags, the plugin or the guard; it cannot be written by hand.
 *
 * @see https://github.com/cdk8s-guard/cdk8s-guard/blob/main/RULES.md#imagevulnerabilities
 * @internal
 */
import { containerImage, NSA, ruleDocUrl } from './_common';
import { isSha256Pinned } from './_image';
import { defineRule } from '../../engine/rule';
import { RuleViolation, Severity } from '../../engine/types';
import { VulnerabilityGate } from '../../vulnerabilities/gate';
import { IMAGE_VULNERABILITIES, vulnerabilityMessage } from '../../vulnerabilities/severity';

/** The name of the rule's one parameter. @internal */
export const GATE_PARAM = 'gate';

const ACCEPT_HINT = 'accept the risk under vulnerabilities.accept with its id, a reason of at least 10 characters and an expires date (YYYY-MM-DD)';

export const imageVulnerabilities = defineRule({
  id: IMAGE_VULNERABILITIES,
  scope: 'pod',
  defaultSeverity: Severity.ERROR,
  description: 'Container images must have no known vulnerability at or above the minimum severity in the scanner reports given.',
  message: 'image has a known vulnerability',
  fix: `upgrade the vulnerable package to a fixed version and rebuild the image, or ${ACCEPT_HINT}`,
  helpUri: ruleDocUrl(IMAGE_VULNERABILITIES),
  cis: ['5.5.1'],
  nsa: [NSA.images],
  params: [{
    name: GATE_PARAM,
    type: 'loaded scanner reports',
    description: 'Built from the vulnerabilities settings (config file section, CLI --scan-report, --vex, --vuln-severity and --ignore-unfixed, plugin or guard property vulnerabilities): reports, vex, minSeverity, ignoreUnfixed, accept, maxReportAge.',
    default: 'none: the rule runs only when vulnerabilities settings are given',
  }],
  validateParams: params => {
    const keys = Object.keys(params);
    if (keys.length !== 1 || !(params[GATE_PARAM] instanceof VulnerabilityGate)) {
      return 'imageVulnerabilities reads scanner reports, which cannot be written as parameters: set the vulnerabilities section of the config file, --scan-report on the command line, or the vulnerabilities property of the guard or the plugin';
    }
    return undefined;
  },
  entries: [{
    minVersion: 0,
    check: (pod, ctx) => {
      const gate = ctx.params[GATE_PARAM] as VulnerabilityGate;
      const out: RuleViolation[] = [];
      for (let i = 0; i < pod.containers.length; i++) {
        const c = pod.containers[i];
        const image = containerImage(pod, c);
        if (image.violation) {
          out.push({ ...image.violation, message: 'image cannot be matched to a scan report' });
          continue;
        }
        const ref = image.ref!;
        const path = pod.containerPath(c, 'image');
        if (!isSha256Pinned(ref)) {
          out.push({
            container: c.name,
            path,
            message: 'image not pinned by digest',
            detail: `container "${c.name}" uses image "${ref.raw}", which is not pinned by a sha256 digest, so no scan report can be matched to it`,
            fix: 'pin the image by the digest the scanner reports, e.g. registry.example.com/app:1.4@sha256:<64 hex digits>',
          });
          continue;
        }
        if (!gate.covers(ref.digest!)) {
          out.push({
            container: c.name,
            path,
            message: 'no scan report covers the image',
            detail: `no scan report covers image "${ref.raw}" of container "${c.name}"`,
            fix: 'scan the image (trivy image -f json, or grype -o json) and pass the report with --scan-report or vulnerabilities.reports',
          });
          continue;
        }
        for (const o of gate.outcomes(ref)) {
          if (o.kind === 'stale') {
            out.push({
              container: c.name,
              path,
              message: 'scan report too old',
              detail: `scan report "${o.file}" of image "${ref.raw}" (container "${c.name}") ${o.why}`,
              fix: 'scan the image again and pass the new report',
            });
            continue;
          }
          const e = o.entry;
          const fixedIn = !e.fixed ? 'no fix available' : e.fixedVersion !== undefined ? `fixed in ${e.fixedVersion}` : 'fixed in a later version';
          out.push({
            container: c.name,
            path,
            message: vulnerabilityMessage(e.severity, e.id),
            detail: `container "${c.name}" image "${ref.raw}": ${e.id} (${e.severity}) in ${e.pkg} ${e.installed}, ${fixedIn} (scan report "${o.file}")`,
            fix: !e.fixed
              ? `no fix is available for ${e.pkg} ${e.installed}: ${ACCEPT_HINT.replace('its id', `id "${e.id}"`)}`
              : `upgrade ${e.pkg} to ${e.fixedVersion ?? 'a fixed version'}`,
            ...(o.suppression ? { suppression: o.suppression } : {}),
          });
        }
      }
      return out;
    },
  }],
});
