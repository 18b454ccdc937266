/** Stands in for an adapter's harness (see src/harness.ts) so that the jest wiring type-checks. */
import type { AdapterHarness, ShapesHarness } from '@cacheme/test-suite'

export declare function myOrmHarness(database: 'sqlite' | 'postgres'): Promise<AdapterHarness>
export declare function myOrmShapesHarness(database: 'sqlite' | 'postgres'): Promise<ShapesHarness>
