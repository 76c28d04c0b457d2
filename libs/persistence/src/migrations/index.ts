import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { RouterAndAccountPool1764100000000 } from './1764100000000-RouterAndAccountPool';

/** Every migration, oldest first. */
export const allMigrations = [InitialSchema1764000000000, RouterAndAccountPool1764100000000];
