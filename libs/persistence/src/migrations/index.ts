import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { RouterAndAccountPool1764100000000 } from './1764100000000-RouterAndAccountPool';
import { ResponsesStore1764200000000 } from './1764200000000-ResponsesStore';
import { ExtensionPairing1764300000000 } from './1764300000000-ExtensionPairing';
import { ApiKeys1764400000000 } from './1764400000000-ApiKeys';
import { ClientScope1764510000000 } from './1764510000000-ClientScope';
import { CapturedHeaderAge1764513000000 } from './1764513000000-CapturedHeaderAge';
import { UpstreamUnknownShapes1764530000000 } from './1764530000000-UpstreamUnknownShapes';
import { UsageTokenizer1764600000000 } from './1764600000000-UsageTokenizer';

/** Every migration, oldest first. */
export const allMigrations = [
  InitialSchema1764000000000,
  RouterAndAccountPool1764100000000,
  ResponsesStore1764200000000,
  ExtensionPairing1764300000000,
  ApiKeys1764400000000,
  ClientScope1764510000000,
  CapturedHeaderAge1764513000000,
  UpstreamUnknownShapes1764530000000,
  UsageTokenizer1764600000000,
];
