import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { RouterAndAccountPool1764100000000 } from './1764100000000-RouterAndAccountPool';
import { ResponsesStore1764200000000 } from './1764200000000-ResponsesStore';
import { ExtensionPairing1764300000000 } from './1764300000000-ExtensionPairing';
import { ApiKeys1764400000000 } from './1764400000000-ApiKeys';
import { SessionScope1764510000000 } from './1764510000000-SessionScope';
import { UsageTokenizer1764600000000 } from './1764600000000-UsageTokenizer';

/** Every migration, oldest first. */
export const allMigrations = [InitialSchema1764000000000, RouterAndAccountPool1764100000000, ResponsesStore1764200000000, ExtensionPairing1764300000000, ApiKeys1764400000000, SessionScope1764510000000, UsageTokenizer1764600000000];
