export * from './types';
export * from './suppressions';
export * from './policy-guard';
