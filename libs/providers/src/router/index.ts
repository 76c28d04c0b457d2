export * from './route-candidate';
export * from './routing-strategy';
export * from './provider-health';
export * from './provider-router';
