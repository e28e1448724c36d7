export * from './options';
export * from './hardening';
