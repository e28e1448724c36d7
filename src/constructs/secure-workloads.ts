import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodHardening, preparePod } from './_pod-hardening';
import { checkVolumeClaims, emitVolumeClaims } from './_volume-claims';
import { KubernetesVersion } from './defaults';
import { HardenedContainer, HardenedContainerProps } from './hardened-container';
import {
  SecureCronJobProps, SecureDaemonSetProps, SecureDeploymentProps, SecureJobProps, SecurePodProps, SecureStatefulSetProps,
} from './secure-workload-props';

/**
 * A `Pod` of cdk8s-plus with hardened defaults (see `SecureDefaults`): every container is a
 * `HardenedContainer`; the pod mounts no service account token, uses no host namespaces or
 * hostPath volumes, runs as non-root and has a `RuntimeDefault` seccomp profile. Anything weaker
 * is an exception with a reason, which becomes a guard suppression for this workload.
 */
export class SecurePod extends kplus.Pod {
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecurePodProps = {}) {
    const prepared = preparePod('SecurePod', scope, id, props);
    super(scope, id, prepared.superProps);
    this.hardening = new PodHardening(this, prepared);
    this.kubernetesVersion = prepared.version;
  }

  /**
   * Adds a container built from cdk8s-plus props, hardened like the containers given at
   * construction.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = cont instanceof HardenedContainer ? cont : this.hardening.harden(cont);
    this.attachContainer(c);
    return c;
  }

  /** Adds a hardened container (props with writable paths, exceptions and the other hardened options). */
  public addHardenedContainer(props: HardenedContainerProps): HardenedContainer {
    return this.addContainer(props) as HardenedContainer;
  }

  /**
   * Attaches a container. A `HardenedContainer` is accepted when it targets this workload's
   * Kubernetes version; a plain cdk8s-plus `Container` only when it already meets every hardened
   * default, otherwise it is refused. Container names must be unique.
   */
  public attachContainer(cont: kplus.Container): void {
    // cdk8s-plus attaches the prepared containers before the hardening exists; it registers them then.
    this.hardening?.register(cont, 'containers', this.containers.length);
    super.attachContainer(cont);
  }

  /** Adds an init container built from cdk8s-plus props, hardened. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addInit(cont);
  }

  /** Adds a hardened init container. */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.hardening.addInit(props);
  }
}

/**
 * A `Deployment` of cdk8s-plus with hardened defaults (see `SecureDefaults`): every container is a
 * `HardenedContainer`; the pod mounts no service account token, uses no host namespaces or
 * hostPath volumes, runs as non-root and has a `RuntimeDefault` seccomp profile. Anything weaker
 * is an exception with a reason, which becomes a guard suppression for this workload.
 */
export class SecureDeployment extends kplus.Deployment {
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureDeploymentProps = {}) {
    const prepared = preparePod('SecureDeployment', scope, id, props);
    super(scope, id, prepared.superProps);
    this.hardening = new PodHardening(this, prepared);
    this.kubernetesVersion = prepared.version;
  }

  /**
   * Adds a container built from cdk8s-plus props, hardened like the containers given at
   * construction.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = cont instanceof HardenedContainer ? cont : this.hardening.harden(cont);
    this.attachContainer(c);
    return c;
  }

  /** Adds a hardened container (props with writable paths, exceptions and the other hardened options). */
  public addHardenedContainer(props: HardenedContainerProps): HardenedContainer {
    return this.addContainer(props) as HardenedContainer;
  }

  /**
   * Attaches a container. A `HardenedContainer` is accepted when it targets this workload's
   * Kubernetes version; a plain cdk8s-plus `Container` only when it already meets every hardened
   * default, otherwise it is refused. Container names must be unique.
   */
  public attachContainer(cont: kplus.Container): void {
    // cdk8s-plus attaches the prepared containers before the hardening exists; it registers them then.
    this.hardening?.register(cont, 'containers', this.containers.length);
    super.attachContainer(cont);
  }

  /** Adds an init container built from cdk8s-plus props, hardened. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addInit(cont);
  }

  /** Adds a hardened init container. */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.hardening.addInit(props);
  }
}

/**
 * A `StatefulSet` of cdk8s-plus with hardened defaults (see `SecureDefaults`): every container is a
 * `HardenedContainer`; the pod mounts no service account token, uses no host namespaces or
 * hostPath volumes, runs as non-root and has a `RuntimeDefault` seccomp profile. Anything weaker
 * is an exception with a reason, which becomes a guard suppression for this workload.
 */
export class SecureStatefulSet extends kplus.StatefulSet {
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureStatefulSetProps = {}) {
    const prepared = preparePod('SecureStatefulSet', scope, id, props);
    const owner = `SecureStatefulSet "${prepared.path}"`;
    checkVolumeClaims(owner, props);
    super(scope, id, prepared.superProps);
    this.hardening = new PodHardening(this, prepared);
    this.kubernetesVersion = prepared.version;
    emitVolumeClaims(this, owner, props.volumeClaimTemplates ?? [], edit => this.hardening.addLateEdit(edit));
  }

  /**
   * Adds a container built from cdk8s-plus props, hardened like the containers given at
   * construction.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = cont instanceof HardenedContainer ? cont : this.hardening.harden(cont);
    this.attachContainer(c);
    return c;
  }

  /** Adds a hardened container (props with writable paths, exceptions and the other hardened options). */
  public addHardenedContainer(props: HardenedContainerProps): HardenedContainer {
    return this.addContainer(props) as HardenedContainer;
  }

  /**
   * Attaches a container. A `HardenedContainer` is accepted when it targets this workload's
   * Kubernetes version; a plain cdk8s-plus `Container` only when it already meets every hardened
   * default, otherwise it is refused. Container names must be unique.
   */
  public attachContainer(cont: kplus.Container): void {
    // cdk8s-plus attaches the prepared containers before the hardening exists; it registers them then.
    this.hardening?.register(cont, 'containers', this.containers.length);
    super.attachContainer(cont);
  }

  /** Adds an init container built from cdk8s-plus props, hardened. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addInit(cont);
  }

  /** Adds a hardened init container. */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.hardening.addInit(props);
  }
}

/**
 * A `DaemonSet` of cdk8s-plus with hardened defaults (see `SecureDefaults`): every container is a
 * `HardenedContainer`; the pod mounts no service account token, uses no host namespaces or
 * hostPath volumes, runs as non-root and has a `RuntimeDefault` seccomp profile. Anything weaker
 * is an exception with a reason, which becomes a guard suppression for this workload.
 */
export class SecureDaemonSet extends kplus.DaemonSet {
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureDaemonSetProps = {}) {
    const prepared = preparePod('SecureDaemonSet', scope, id, props);
    super(scope, id, prepared.superProps);
    this.hardening = new PodHardening(this, prepared);
    this.kubernetesVersion = prepared.version;
  }

  /**
   * Adds a container built from cdk8s-plus props, hardened like the containers given at
   * construction.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = cont instanceof HardenedContainer ? cont : this.hardening.harden(cont);
    this.attachContainer(c);
    return c;
  }

  /** Adds a hardened container (props with writable paths, exceptions and the other hardened options). */
  public addHardenedContainer(props: HardenedContainerProps): HardenedContainer {
    return this.addContainer(props) as HardenedContainer;
  }

  /**
   * Attaches a container. A `HardenedContainer` is accepted when it targets this workload's
   * Kubernetes version; a plain cdk8s-plus `Container` only when it already meets every hardened
   * default, otherwise it is refused. Container names must be unique.
   */
  public attachContainer(cont: kplus.Container): void {
    // cdk8s-plus attaches the prepared containers before the hardening exists; it registers them then.
    this.hardening?.register(cont, 'containers', this.containers.length);
    super.attachContainer(cont);
  }

  /** Adds an init container built from cdk8s-plus props, hardened. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addInit(cont);
  }

  /** Adds a hardened init container. */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.hardening.addInit(props);
  }
}

/**
 * A `Job` of cdk8s-plus with hardened defaults (see `SecureDefaults`): every container is a
 * `HardenedContainer`; the pod mounts no service account token, uses no host namespaces or
 * hostPath volumes, runs as non-root and has a `RuntimeDefault` seccomp profile. Anything weaker
 * is an exception with a reason, which becomes a guard suppression for this workload.
 */
export class SecureJob extends kplus.Job {
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureJobProps = {}) {
    const prepared = preparePod('SecureJob', scope, id, props);
    super(scope, id, prepared.superProps);
    this.hardening = new PodHardening(this, prepared);
    this.kubernetesVersion = prepared.version;
  }

  /**
   * Adds a container built from cdk8s-plus props, hardened like the containers given at
   * construction.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = cont instanceof HardenedContainer ? cont : this.hardening.harden(cont);
    this.attachContainer(c);
    return c;
  }

  /** Adds a hardened container (props with writable paths, exceptions and the other hardened options). */
  public addHardenedContainer(props: HardenedContainerProps): HardenedContainer {
    return this.addContainer(props) as HardenedContainer;
  }

  /**
   * Attaches a container. A `HardenedContainer` is accepted when it targets this workload's
   * Kubernetes version; a plain cdk8s-plus `Container` only when it already meets every hardened
   * default, otherwise it is refused. Container names must be unique.
   */
  public attachContainer(cont: kplus.Container): void {
    // cdk8s-plus attaches the prepared containers before the hardening exists; it registers them then.
    this.hardening?.register(cont, 'containers', this.containers.length);
    super.attachContainer(cont);
  }

  /** Adds an init container built from cdk8s-plus props, hardened. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addInit(cont);
  }

  /** Adds a hardened init container. */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.hardening.addInit(props);
  }
}

/**
 * A `CronJob` of cdk8s-plus with hardened defaults (see `SecureDefaults`): every container is a
 * `HardenedContainer`; the pod mounts no service account token, uses no host namespaces or
 * hostPath volumes, runs as non-root and has a `RuntimeDefault` seccomp profile. Anything weaker
 * is an exception with a reason, which becomes a guard suppression for this workload.
 */
export class SecureCronJob extends kplus.CronJob {
  /** The Kubernetes version fields are generated for. */
  public readonly kubernetesVersion: KubernetesVersion;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureCronJobProps) {
    const prepared = preparePod('SecureCronJob', scope, id, props);
    super(scope, id, prepared.superProps);
    this.hardening = new PodHardening(this, prepared);
    this.kubernetesVersion = prepared.version;
  }

  /**
   * Adds a container built from cdk8s-plus props, hardened like the containers given at
   * construction.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    const c = cont instanceof HardenedContainer ? cont : this.hardening.harden(cont);
    this.attachContainer(c);
    return c;
  }

  /** Adds a hardened container (props with writable paths, exceptions and the other hardened options). */
  public addHardenedContainer(props: HardenedContainerProps): HardenedContainer {
    return this.addContainer(props) as HardenedContainer;
  }

  /**
   * Attaches a container. A `HardenedContainer` is accepted when it targets this workload's
   * Kubernetes version; a plain cdk8s-plus `Container` only when it already meets every hardened
   * default, otherwise it is refused. Container names must be unique.
   */
  public attachContainer(cont: kplus.Container): void {
    // cdk8s-plus attaches the prepared containers before the hardening exists; it registers them then.
    this.hardening?.register(cont, 'containers', this.containers.length);
    super.attachContainer(cont);
  }

  /** Adds an init container built from cdk8s-plus props, hardened. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addInit(cont);
  }

  /** Adds a hardened init container. */
  public addHardenedInitContainer(props: HardenedContainerProps): kplus.Container {
    return this.hardening.addInit(props);
  }
}
