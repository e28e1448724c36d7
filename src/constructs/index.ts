export * from './defaults';
export * from './exceptions';
export * from './hardened-container';
export * from './image-policy';
export * from './secure-namespace';
export * from './secure-pod-options';
export * from './secure-workloads';
export * from './security-options';
