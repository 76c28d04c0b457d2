/** Injection token of the ListenerManager (created before Nest, so provided as a value). */
export const LISTENER_MANAGER = Symbol('LISTENER_MANAGER');
