export * from './types';
export * from './version';
export * from './pack';
