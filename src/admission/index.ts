export * from './types';
export * from './admission-policies';
