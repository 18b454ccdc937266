import { defineConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// The harnesses start their own redis-server processes and child processes and are CPU-bound on a
// 2-core machine: one test file at a time keeps their figures (latency bounds) meaningful.
export default defineConfig(sharedConfig({ test: { fileParallelism: false, testTimeout: 180_000 } }))
