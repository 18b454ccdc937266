import { defineConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// One test file at a time: smoke.test.ts and demo-command.test.ts both run the real main process, which
// recreates the example's one SQLite file (data/typeorm.sqlite) on start.
export default defineConfig(sharedConfig({ test: { fileParallelism: false } }))
