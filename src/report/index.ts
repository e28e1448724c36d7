export * from './model';
export * from './format';
export * from './renderer';
export * from './builder';
