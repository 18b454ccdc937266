import { defineConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

export default defineConfig(sharedConfig({ test: { exclude: ['test/jest/**', '**/node_modules/**'] } }))
