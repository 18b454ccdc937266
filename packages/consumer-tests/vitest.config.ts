import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { servicesGlobalSetup, sharedConfig } from '../../vitest.shared.ts'

// Installs, compiles and runs scratch apps: minutes on a cold cache (native SQLite drivers build from
// source), seconds on a warm one.
export default defineConfig(
  sharedConfig({
    test: {
      globalSetup: [servicesGlobalSetup, fileURLToPath(new URL('./src/global-setup.ts', import.meta.url))],
      testTimeout: 120_000,
      hookTimeout: 900_000,
    },
  }),
)
