export * from './range';
export * from './value';
export * from './document';
