export * from './guard-config';
export * from './suppression';
