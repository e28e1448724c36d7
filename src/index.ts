export * from './engine';
export * from './evaluator';
export * from './packs';
export * from './config';
export * from './guard';
export * from './report';
export * from './constructs';
export * from './plugin';
