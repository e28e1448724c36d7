export * from './engine';
export * from './evaluator';
